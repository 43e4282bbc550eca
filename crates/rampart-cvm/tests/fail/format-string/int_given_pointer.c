// expect: format-string line 10
/* CWE-686: %d is given a char pointer. */
#include <stdio.h>

int main(void)
{
    const char *user = "root";
    int uid = 0;
    printf("%s has uid %d\n", user, uid);
    printf("%d has uid %d\n", user, uid); /* FLAW */
    return 0;
}

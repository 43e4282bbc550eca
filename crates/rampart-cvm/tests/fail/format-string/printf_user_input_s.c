// expect: format-string line 11
/* CWE-134: "%s" in user input makes printf read a pointer that was never passed. */
#include <stdio.h>

int main(void)
{
    char name[32];
    if (scanf("%31s", name) != 1)
        return 1;
    printf("Welcome, ");
    printf(name); /* FLAW */
    printf("!\n");
    return 0;
}

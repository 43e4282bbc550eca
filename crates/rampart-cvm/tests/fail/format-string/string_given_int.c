// expect: format-string line 10
/* CWE-686: %s is given an int. */
#include <stdio.h>

int main(void)
{
    int errors = 3;
    const char *file = "main.c";
    printf("%s: %d errors\n", file, errors);
    printf("%s: %s errors\n", file, errors); /* FLAW */
    return 0;
}

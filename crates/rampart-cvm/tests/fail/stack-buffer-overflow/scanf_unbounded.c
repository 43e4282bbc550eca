// expect: stack-buffer-overflow line 12
/* CWE-120: %s without a width reads any length; the good read uses %7s. */
#include <stdio.h>

int main(void)
{
    char first[8];
    char second[8];
    if (scanf("%7s", first) != 1)
        return 1;
    printf("first: %s\n", first);
    if (scanf("%s", second) != 1) /* FLAW: the second word has 20 characters */
        return 1;
    printf("second: %s\n", second);
    return 0;
}

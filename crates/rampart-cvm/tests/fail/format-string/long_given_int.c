// expect: format-string line 10
/* CWE-686: %ld with an int argument: the sizes differ on LP64. */
#include <stdio.h>

int main(void)
{
    long big = 5000000000L;
    int small = 7;
    printf("%ld\n", big);
    printf("%ld\n", small); /* FLAW */
    return 0;
}

// expect: invalid-shift line 7
/* CWE-1335: shifting a 32-bit value by 32 is undefined. */
#include <stdio.h>

static unsigned bit(int n)
{
    return 1u << n; /* FLAW: n == 32 */
}

int main(void)
{
    printf("%u\n", bit(0));
    printf("%u\n", bit(31));
    printf("%u\n", bit(32));
    return 0;
}

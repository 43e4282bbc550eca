// expect: invalid-shift line 7
/* CWE-1335: a negative shift amount. */
#include <stdio.h>

static int scale(int value, int exponent)
{
    return value << exponent; /* FLAW: exponent == -1 */
}

int main(void)
{
    printf("%d\n", scale(3, 2));
    printf("%d\n", scale(3, -1));
    return 0;
}

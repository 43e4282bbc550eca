// expect: signed-integer-overflow line 10
/* CWE-369/CWE-190: INT_MIN / -1 is not representable. */
#include <limits.h>
#include <stdio.h>

static int scale(int value, int divisor)
{
    if (divisor == 0)
        return 0;
    return value / divisor; /* FLAW: INT_MIN / -1 */
}

int main(void)
{
    printf("%d\n", scale(100, -1));
    printf("%d\n", scale(INT_MIN, 2));
    printf("%d\n", scale(INT_MIN, -1));
    return 0;
}

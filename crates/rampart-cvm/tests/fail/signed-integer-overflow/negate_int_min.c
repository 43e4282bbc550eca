// expect: signed-integer-overflow line 8
/* CWE-190: an absolute value written by hand overflows on INT_MIN. */
#include <limits.h>
#include <stdio.h>

static int my_abs(int x)
{
    return x < 0 ? -x : x; /* FLAW: -INT_MIN */
}

int main(void)
{
    printf("%d\n", my_abs(-5));
    printf("%d\n", my_abs(INT_MIN + 1));
    printf("%d\n", my_abs(INT_MIN));
    return 0;
}

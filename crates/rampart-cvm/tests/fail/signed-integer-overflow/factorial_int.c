// expect: signed-integer-overflow line 9
/* CWE-190: 13! does not fit in a 32-bit int. */
#include <stdio.h>

static int factorial(int n)
{
    int r = 1;
    for (int i = 2; i <= n; i++)
        r *= i; /* FLAW */
    return r;
}

int main(void)
{
    for (int n = 10; n <= 13; n++)
        printf("%d! = %d\n", n, factorial(n));
    return 0;
}

#include <stdio.h>
#include <limits.h>

static int checked_add(int a, int b, int *out)
{
    if ((b > 0 && a > INT_MAX - b) || (b < 0 && a < INT_MIN - b))
        return -1;
    *out = a + b;
    return 0;
}

static int checked_mul(int a, int b, int *out)
{
    long long r = (long long)a * b;
    if (r > INT_MAX || r < INT_MIN)
        return -1;
    *out = (int)r;
    return 0;
}

int main(void)
{
    int r;
    printf("%d\n", INT_MAX - 1 + 1);
    printf("%d\n", INT_MIN + 1);
    printf("%lld\n", (long long)INT_MAX + 1);
    printf("%lld\n", 2LL * INT_MAX);
    printf("add ok=%d", checked_add(INT_MAX - 5, 5, &r) == 0);
    printf(" r=%d\n", r);
    printf("add overflow refused=%d\n", checked_add(INT_MAX, 1, &r) == -1);
    printf("add underflow refused=%d\n", checked_add(INT_MIN, -1, &r) == -1);
    printf("mul refused=%d\n", checked_mul(65536, 65536, &r) == -1);
    if (checked_mul(46340, 46340, &r) == 0)
        printf("mul ok %d\n", r);
    unsigned big = (unsigned)INT_MAX + 1u;
    printf("%u\n", big);
    printf("%d %d\n", INT_MIN / 2, INT_MIN % 7);
    return 0;
}

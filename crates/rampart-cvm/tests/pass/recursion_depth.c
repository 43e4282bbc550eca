#include <stdio.h>

static long sum_to(int n)
{
    if (n == 0)
        return 0;
    return n + sum_to(n - 1);
}

static int depth(int n, int max)
{
    return n == max ? n : depth(n + 1, max);
}

static unsigned long long fact(unsigned n)
{
    return n <= 1 ? 1 : n * fact(n - 1);
}

static int ackermann(int m, int n)
{
    if (m == 0)
        return n + 1;
    if (n == 0)
        return ackermann(m - 1, 1);
    return ackermann(m - 1, ackermann(m, n - 1));
}

int main(void)
{
    printf("%ld\n", sum_to(100));
    printf("%d\n", depth(0, 200));
    printf("%llu\n", fact(20));
    printf("%d\n", ackermann(2, 3));
    return 0;
}

#include <stdio.h>
#include <limits.h>

int main(void)
{
    unsigned long long f = 1;
    for (unsigned i = 1; i <= 20; i++)
        f *= i;
    printf("20! = %llu\n", f);
    long long big = LLONG_MAX;
    printf("%lld\n", big);
    printf("%lld\n", LLONG_MIN + 1);
    long long t = 3000000000LL * 3;
    printf("%lld\n", t);
    long l = -1234567890123L;
    printf("%ld %ld\n", l / 1000, l % 1000);
    unsigned long ul = 18446744073709551615UL;
    printf("%lu %lx\n", ul, ul >> 4);
    printf("%zu %zu %zu %zu\n", sizeof(char), sizeof(short), sizeof(int), sizeof(long long));
    return 0;
}

#include <stdio.h>

static unsigned gcd(unsigned a, unsigned b)
{
    while (b) {
        unsigned t = a % b;
        a = b;
        b = t;
    }
    return a;
}

static unsigned long long lcm(unsigned a, unsigned b)
{
    return a / gcd(a, b) * (unsigned long long)b;
}

int main(void)
{
    printf("%u %u %u\n", gcd(48, 18), gcd(17, 5), gcd(0, 9));
    unsigned long long l = 1;
    for (unsigned i = 1; i <= 20; i++)
        l = lcm((unsigned)l, i);
    printf("%llu\n", l);
    return 0;
}

#include <stdint.h>
#include <stdio.h>

/* Conversions to unsigned types are defined modulo 2^N. */
int main(void)
{
    unsigned u = (unsigned)-1;
    unsigned char uc = (unsigned char)-1;
    uint16_t w = (uint16_t)70000;
    uint8_t b = (uint8_t)300;
    printf("%u %u %u %u\n", u, uc, (unsigned)w, (unsigned)b);
    long long big = 5000000000LL;
    unsigned trunc = (unsigned)big;
    printf("%u\n", trunc);
    int neg = -17;
    unsigned long long ull = (unsigned long long)neg;
    printf("%llu\n", ull);
    double d = 3.99;
    printf("%d %d\n", (int)d, (int)-d);
    char c = (char)65;
    printf("%c\n", c);
    int from_char = (unsigned char)'\xe9';
    printf("%d\n", from_char);
    return 0;
}

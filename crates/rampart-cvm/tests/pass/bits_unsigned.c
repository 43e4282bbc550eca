#include <stdio.h>
#include <stdint.h>

static int popcount(uint32_t x)
{
    int n = 0;
    while (x) {
        x &= x - 1;
        n++;
    }
    return n;
}

static uint32_t rotl(uint32_t x, unsigned r)
{
    r &= 31;
    return r ? (x << r) | (x >> (32 - r)) : x;
}

static uint32_t reverse_bits(uint32_t x)
{
    uint32_t r = 0;
    for (int i = 0; i < 32; i++) {
        r = (r << 1) | (x & 1u);
        x >>= 1;
    }
    return r;
}

int main(void)
{
    uint32_t v = 0xF00DBEEFu;
    printf("popcount %d\n", popcount(v));
    printf("rotl 4 %08x\n", (unsigned)rotl(v, 4));
    printf("rotl 0 %08x\n", (unsigned)rotl(v, 0));
    printf("rev %08x\n", (unsigned)reverse_bits(v));
    printf("lowest set %08x\n", (unsigned)(v & (~v + 1u)));
    printf("clear low %08x\n", (unsigned)(v & ~0xFFu));
    printf("top bit %u\n", (unsigned)(v >> 31));
    printf("xor swap:");
    unsigned a = 5, b = 9;
    a ^= b;
    b ^= a;
    a ^= b;
    printf(" %u %u\n", a, b);
    return 0;
}

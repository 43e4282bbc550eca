#include <stdio.h>
#include <stdint.h>
#include <limits.h>

/* Unsigned arithmetic wraps modulo 2^N: defined behaviour. */
static uint32_t fnv1a(const char *s)
{
    uint32_t h = 2166136261u;
    while (*s) {
        h ^= (unsigned char)*s++;
        h *= 16777619u;
    }
    return h;
}

int main(void)
{
    unsigned u = UINT_MAX;
    u += 1;
    printf("UINT_MAX+1 = %u\n", u);
    u = 0;
    u -= 1;
    printf("0-1 = %u\n", u);
    printf("fnv(\"\") = %08x\n", (unsigned)fnv1a(""));
    printf("fnv(\"rampart\") = %08x\n", (unsigned)fnv1a("rampart"));
    uint64_t big = UINT64_MAX;
    big *= 3;
    printf("%llu\n", (unsigned long long)big);
    unsigned char c = 250;
    c += 10;           /* int result 260 converted to unsigned char: 4 */
    printf("%d\n", c);
    return 0;
}

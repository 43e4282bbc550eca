#include <stdio.h>
#include <stdint.h>

int main(void)
{
    unsigned top = 1u << 31;
    printf("%u\n", top);
    printf("%u\n", top >> 31);
    printf("%d\n", 1 << 30);
    printf("%lld\n", 1LL << 40);
    unsigned long long all = ~0ULL;
    printf("%llu\n", all >> 63);
    uint8_t byte = 0x81;
    printf("%d\n", byte << 4);          /* promoted to int: 2064 */
    printf("%d\n", (uint8_t)(byte << 4));
    for (int i = 0; i < 32; i += 8)
        printf("byte %d = %02x\n", i / 8, (0xCAFEBABEu >> i) & 0xFFu);
    int x = 1000;
    printf("%d %d\n", x >> 3, x << 3);
    uint32_t mask = 0;
    for (int bit = 0; bit < 32; bit += 5)
        mask |= UINT32_C(1) << bit;
    printf("%08x\n", (unsigned)mask);
    return 0;
}

// expect: invalid-shift line 13
/* CWE-1335: a uint8_t is promoted to int, and 0x80 << 24 does not fit in int. */
#include <stdint.h>
#include <stdio.h>

static uint32_t read_be32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static uint32_t read_be32_bad(const uint8_t *p)
{
    return p[0] << 24 | p[1] << 16 | p[2] << 8 | p[3]; /* FLAW: p[0] == 0x80 */
}

int main(void)
{
    uint8_t low[4] = {0x12, 0x34, 0x56, 0x78};
    uint8_t high[4] = {0x80, 0x00, 0x00, 0x01};
    printf("%08x\n", (unsigned)read_be32(high));
    printf("%08x\n", (unsigned)read_be32_bad(low));
    printf("%08x\n", (unsigned)read_be32_bad(high));
    return 0;
}

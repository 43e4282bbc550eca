// expect: invalid-shift line 14
/* CWE-1335: the classic rotate shifts by 32 when the count is 0. */
#include <stdint.h>
#include <stdio.h>

static uint32_t rotl_good(uint32_t x, unsigned r)
{
    r &= 31;
    return r ? (x << r) | (x >> (32 - r)) : x;
}

static uint32_t rotl_bad(uint32_t x, unsigned r)
{
    return (x << r) | (x >> (32 - r)); /* FLAW: r == 0 shifts right by 32 */
}

int main(void)
{
    printf("%08x\n", (unsigned)rotl_good(0x12345678u, 0));
    printf("%08x\n", (unsigned)rotl_bad(0x12345678u, 8));
    printf("%08x\n", (unsigned)rotl_bad(0x12345678u, 0));
    return 0;
}

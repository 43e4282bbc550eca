// expect: invalid-shift line 7
/* CWE-1335: even for unsigned operands, shifting by the width is undefined. */
#include <stdio.h>

static unsigned high_bits(unsigned x, unsigned keep)
{
    return x >> (32 - keep); /* FLAW: keep == 0 shifts by 32 */
}

int main(void)
{
    printf("%u\n", high_bits(0xF0000000u, 4));
    printf("%u\n", high_bits(0xF0000000u, 0));
    return 0;
}

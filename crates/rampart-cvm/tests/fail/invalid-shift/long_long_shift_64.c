// expect: invalid-shift line 7
/* CWE-1335: a 64-bit shift by 64. */
#include <stdio.h>

static unsigned long long low_mask(int bits)
{
    return (1ULL << bits) - 1; /* FLAW: bits == 64 */
}

int main(void)
{
    printf("%llx\n", low_mask(8));
    printf("%llx\n", low_mask(63));
    printf("%llx\n", low_mask(64));
    return 0;
}

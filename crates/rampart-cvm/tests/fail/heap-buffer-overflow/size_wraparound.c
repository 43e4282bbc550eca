// expect: heap-buffer-overflow line 13
/* CWE-680: an unsigned size computation wraps, so the allocation is tiny. */
#include <stdio.h>
#include <stdlib.h>

static unsigned *alloc_table(unsigned count)
{
    unsigned bytes = count * (unsigned)sizeof(unsigned); /* wraps to 4 for 0x40000001 */
    unsigned *t = malloc(bytes);
    if (!t)
        return NULL;
    for (unsigned i = 0; i < count; i++)
        t[i] = i; /* FLAW: writes past the 4-byte block at i == 1 */
    return t;
}

int main(void)
{
    unsigned *small = alloc_table(4);
    if (small)
        printf("%u\n", small[3]);
    free(small);
    unsigned *big = alloc_table(0x40000001u);
    free(big);
    return 0;
}

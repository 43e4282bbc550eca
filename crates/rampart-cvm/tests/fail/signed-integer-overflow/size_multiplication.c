// expect: signed-integer-overflow line 10
/* CWE-190/CWE-680: an int size computation overflows before it reaches malloc. */
#include <stdio.h>
#include <stdlib.h>

struct record { char data[64]; };

static void *alloc_records(int count)
{
    int bytes = count * (int)sizeof(struct record); /* FLAW: 40000000 * 64 */
    printf("allocating %d bytes\n", bytes);
    return malloc((size_t)bytes);
}

int main(void)
{
    void *small = alloc_records(10);
    free(small);
    void *big = alloc_records(40000000);
    free(big);
    return 0;
}

// expect: bad-free line 10
/* CWE-590: a global table is released as if it were heap memory. */
#include <stdio.h>
#include <stdlib.h>

static int table[32];

static void release(int *p)
{
    free(p); /* FLAW */
}

int main(void)
{
    int *heap = malloc(sizeof(int) * 4);
    if (!heap)
        return 1;
    release(heap);
    table[0] = 1;
    release(table);
    printf("%d\n", table[0]);
    return 0;
}

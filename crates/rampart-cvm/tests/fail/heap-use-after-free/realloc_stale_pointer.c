// expect: heap-use-after-free line 21
/* CWE-416: a pointer into a buffer is kept across realloc, which moves the block. */
#include <stdio.h>
#include <stdlib.h>

int main(void)
{
    size_t cap = 4;
    int *v = malloc(cap * sizeof *v);
    if (!v)
        return 1;
    for (size_t i = 0; i < cap; i++)
        v[i] = (int)i;
    int *first = &v[0];
    int *grown = realloc(v, 1024 * sizeof *v);
    if (!grown) {
        free(v);
        return 1;
    }
    v = grown;
    printf("%d\n", *first); /* FLAW: first points into the old block */
    free(v);
    return 0;
}

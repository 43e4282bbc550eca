#include <stdio.h>
#include <stdlib.h>

/* Keeps an index, not a pointer, across realloc: the block may move. */
int main(void)
{
    size_t cap = 2, len = 0;
    int *v = malloc(cap * sizeof *v);
    if (!v)
        return 1;
    size_t mark = 0;
    for (int i = 0; i < 50; i++) {
        if (len == cap) {
            cap *= 2;
            int *nv = realloc(v, cap * sizeof *nv);
            if (!nv) {
                free(v);
                return 1;
            }
            v = nv;
        }
        if (i == 1)
            mark = len;
        v[len++] = i * 3;
    }
    printf("mark %zu -> %d, len %zu cap %zu\n", mark, v[mark], len, cap);
    int *marked = &v[mark];    /* pointer taken after the last realloc */
    *marked += 1000;
    printf("%d\n", v[1]);
    free(v);
    return 0;
}

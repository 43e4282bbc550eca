// expect: heap-use-after-free line 28
/* CWE-416: a reference to an element is invalidated by growth of the vector. */
#include <stdio.h>
#include <stdlib.h>

struct vec { int *data; size_t len, cap; };

static void push(struct vec *v, int x)
{
    if (v->len == v->cap) {
        size_t cap = v->cap ? v->cap * 2 : 2;
        int *d = realloc(v->data, cap * sizeof *d);
        if (!d)
            exit(1);
        v->data = d;
        v->cap = cap;
    }
    v->data[v->len++] = x;
}

int main(void)
{
    struct vec v = {NULL, 0, 0};
    push(&v, 1);
    int *best = &v.data[0];
    for (int i = 2; i < 100; i++)
        push(&v, i);
    *best += 1; /* FLAW: best points into a block that realloc released */
    printf("%d\n", v.data[0]);
    free(v.data);
    return 0;
}

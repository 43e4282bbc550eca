#include <stdio.h>
#include <stdlib.h>

struct vec {
    int *data;
    size_t len, cap;
};

static int push(struct vec *v, int x)
{
    if (v->len == v->cap) {
        size_t ncap = v->cap ? v->cap * 2 : 1;
        int *nd = realloc(v->data, ncap * sizeof *nd);
        if (nd == NULL)
            return -1;
        v->data = nd;
        v->cap = ncap;
    }
    v->data[v->len++] = x;
    return 0;
}

int main(void)
{
    struct vec v = {NULL, 0, 0};
    for (int i = 0; i < 100; i++) {
        if (push(&v, i * i) != 0) {
            free(v.data);
            return 1;
        }
    }
    long sum = 0;
    for (size_t i = 0; i < v.len; i++)
        sum += v.data[i];
    printf("len=%zu cap=%zu sum=%ld last=%d\n", v.len, v.cap, sum, v.data[v.len - 1]);
    free(v.data);
    return 0;
}

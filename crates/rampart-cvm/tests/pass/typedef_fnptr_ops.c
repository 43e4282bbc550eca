#include <stdio.h>

typedef void (*visitor)(int *value, void *ctx);

static void for_each(int *v, int n, visitor f, void *ctx)
{
    for (int i = 0; i < n; i++)
        f(&v[i], ctx);
}

static void add_ctx(int *value, void *ctx) { *value += *(int *)ctx; }
static void sum_into(int *value, void *ctx) { *(long *)ctx += *value; }
static void count_even(int *value, void *ctx)
{
    if (*value % 2 == 0)
        ++*(int *)ctx;
}

int main(void)
{
    int v[] = {1, 2, 3, 4, 5};
    int delta = 10;
    long sum = 0;
    int evens = 0;
    for_each(v, 5, add_ctx, &delta);
    for_each(v, 5, sum_into, &sum);
    for_each(v, 5, count_even, &evens);
    printf("%ld %d\n", sum, evens);
    visitor table[] = {add_ctx, add_ctx};
    table[1](&v[0], &delta);
    printf("%d\n", v[0]);
    return 0;
}

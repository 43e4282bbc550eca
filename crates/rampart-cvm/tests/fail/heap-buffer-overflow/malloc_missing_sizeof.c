// expect: heap-buffer-overflow line 12
/* CWE-131: malloc(n) allocates n bytes, not n ints. */
#include <stdio.h>
#include <stdlib.h>

static int *make_range(int n)
{
    int *v = malloc((size_t)n);
    if (!v)
        return NULL;
    for (int i = 0; i < n; i++)
        v[i] = i; /* FLAW: fails at i == n / 4 */
    return v;
}

int main(void)
{
    int *r = make_range(16);
    if (r)
        printf("%d\n", r[15]);
    free(r);
    return 0;
}

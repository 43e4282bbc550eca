// expect: heap-buffer-overflow line 10
/* CWE-126: the checksum reads one element beyond the buffer. */
#include <stdio.h>
#include <stdlib.h>

static long checksum(const int *v, size_t n)
{
    long sum = 0;
    for (size_t i = 0; i <= n; i++)
        sum += v[i]; /* FLAW: reads v[n] */
    return sum;
}

int main(void)
{
    size_t n = 5;
    int *v = malloc(n * sizeof *v);
    if (!v)
        return 1;
    for (size_t i = 0; i < n; i++)
        v[i] = (int)(i + 1);
    printf("%ld\n", checksum(v, n));
    free(v);
    return 0;
}

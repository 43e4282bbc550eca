// expect: heap-buffer-overflow line 22
/* CWE-122: the buffer is shrunk but the old length is still used. */
#include <stdio.h>
#include <stdlib.h>

int main(void)
{
    size_t len = 20;
    int *v = malloc(len * sizeof *v);
    if (!v)
        return 1;
    for (size_t i = 0; i < len; i++)
        v[i] = (int)i;
    int *smaller = realloc(v, 10 * sizeof *v);
    if (!smaller) {
        free(v);
        return 1;
    }
    v = smaller;
    long sum = 0;
    for (size_t i = 0; i < len; i++)
        sum += v[i]; /* FLAW: len is still 20 */
    printf("%ld\n", sum);
    free(v);
    return 0;
}

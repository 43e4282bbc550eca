// expect: use-of-uninitialized-value line 16
/* CWE-908: malloc does not zero memory; the sum uses garbage. */
#include <stdio.h>
#include <stdlib.h>

int main(void)
{
    int n = 8;
    int *counts = malloc((size_t)n * sizeof *counts); /* calloc was intended */
    if (!counts)
        return 1;
    counts[2] += 1;
    int total = 0;
    for (int i = 0; i < n; i++)
        total += counts[i];
    if (total > 0) /* FLAW */
        puts("something counted");
    free(counts);
    return 0;
}

// expect: memory-leak line 10
/* CWE-401: a scratch buffer is allocated on every iteration and never freed. */
#include <stdio.h>
#include <stdlib.h>

int main(void)
{
    long total = 0;
    for (int i = 1; i <= 5; i++) {
        int *scratch = malloc((size_t)i * sizeof *scratch); /* FLAW */
        if (!scratch)
            return 1;
        for (int j = 0; j < i; j++)
            scratch[j] = j;
        total += scratch[i - 1];
    }
    printf("%ld\n", total);
    return 0;
}

// expect: use-of-uninitialized-value line 21
/* CWE-908: the bytes added by realloc are not initialised. */
#include <stdio.h>
#include <stdlib.h>

int main(void)
{
    int *v = malloc(4 * sizeof *v);
    if (!v)
        return 1;
    for (int i = 0; i < 4; i++)
        v[i] = 1;
    int *w = realloc(v, 8 * sizeof *w);
    if (!w) {
        free(v);
        return 1;
    }
    v = w;
    int max = v[0];
    for (int i = 1; i < 8; i++)
        if (v[i] > max) /* FLAW: v[4] is uninitialised */
            max = v[i];
    printf("%d\n", max);
    free(v);
    return 0;
}

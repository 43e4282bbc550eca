// expect: double-free line 18
/* CWE-415: the original pointer is freed after a successful realloc already released it. */
#include <stdio.h>
#include <stdlib.h>

int main(void)
{
    int *p = malloc(4 * sizeof *p);
    if (!p)
        return 1;
    int *q = realloc(p, 4096 * sizeof *q);
    if (!q) {
        free(p);
        return 1;
    }
    q[4095] = 1;
    free(q);
    free(p); /* FLAW: realloc already freed p */
    return 0;
}

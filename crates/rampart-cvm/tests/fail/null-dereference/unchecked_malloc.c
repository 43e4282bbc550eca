// expect: null-dereference line 10
// fail-alloc: 1
/* CWE-690: malloc's result is used without a NULL check (the harness makes it fail). */
#include <stdio.h>
#include <stdlib.h>

int main(void)
{
    int *v = malloc(16 * sizeof *v);
    v[0] = 42; /* FLAW */
    printf("%d\n", v[0]);
    free(v);
    return 0;
}

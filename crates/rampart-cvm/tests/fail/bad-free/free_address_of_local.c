// expect: bad-free line 8
/* CWE-590: the address of a local variable passed to free. */
#include <stdlib.h>
#include <stdio.h>

static void reset(int **slot)
{
    free(*slot); /* FLAW: *slot is &local on the second call */
    *slot = NULL;
}

int main(void)
{
    int *p = malloc(sizeof *p);
    if (!p)
        return 1;
    reset(&p);
    int local = 3;
    p = &local;
    reset(&p);
    printf("%d\n", local);
    return 0;
}

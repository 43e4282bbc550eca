// expect: memory-leak line 8
/* CWE-401: the only pointer to a block is overwritten. */
#include <stdio.h>
#include <stdlib.h>

int main(void)
{
    int *buf = malloc(10 * sizeof *buf); /* FLAW: lost by the next assignment */
    if (!buf)
        return 1;
    buf = malloc(20 * sizeof *buf);
    if (!buf)
        return 1;
    buf[0] = 1;
    printf("%d\n", buf[0]);
    free(buf);
    return 0;
}

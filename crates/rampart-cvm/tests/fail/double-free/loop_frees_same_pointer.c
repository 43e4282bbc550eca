// expect: double-free line 16
/* CWE-415: an array of pointers holds the same block twice. */
#include <stdio.h>
#include <stdlib.h>

int main(void)
{
    int *shared = malloc(sizeof *shared);
    int *own = malloc(sizeof *own);
    if (!shared || !own)
        return 1;
    *shared = 1;
    *own = 2;
    int *slots[3] = {own, shared, shared};
    for (int i = 0; i < 3; i++)
        free(slots[i]); /* FLAW: slots[2] == slots[1] */
    puts("freed");
    return 0;
}

// expect: bad-free line 16
/* CWE-761: freeing a pointer into the middle of an array of records. */
#include <stdio.h>
#include <stdlib.h>

struct rec { int key; int value; };

int main(void)
{
    struct rec *all = calloc(8, sizeof *all);
    if (!all)
        return 1;
    struct rec *last = all + 7;
    last->key = 7;
    printf("%d\n", last->key);
    free(last); /* FLAW: should be free(all) */
    return 0;
}

// expect: heap-use-after-free line 13
/* CWE-416: the value is read after the block was released. */
#include <stdio.h>
#include <stdlib.h>

int main(void)
{
    int *balance = malloc(sizeof *balance);
    if (!balance)
        return 1;
    *balance = 100;
    free(balance);
    printf("%d\n", *balance); /* FLAW */
    return 0;
}

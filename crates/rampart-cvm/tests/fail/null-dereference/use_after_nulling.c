// expect: null-dereference line 15
/* CWE-476: a pointer reset to NULL after free is still used on a later path. */
#include <stdio.h>
#include <stdlib.h>

int main(void)
{
    int *score = malloc(sizeof *score);
    if (!score)
        return 1;
    *score = 10;
    free(score);
    score = NULL;
    int bonus = 5;
    *score += bonus; /* FLAW */
    printf("%d\n", *score);
    return 0;
}

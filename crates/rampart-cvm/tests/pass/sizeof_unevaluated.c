#include <stdio.h>
#include <stdlib.h>

int main(void)
{
    int i = 5;
    size_t s = sizeof(i++);          /* the operand is not evaluated */
    printf("%zu %d\n", s, i);
    int *p = NULL;
    printf("%zu\n", sizeof *p);      /* no dereference happens */
    struct big { char data[100]; } *bp = NULL;
    printf("%zu\n", sizeof bp->data);
    int *arr = malloc(10 * sizeof *arr);
    if (!arr)
        return 1;
    printf("%zu\n", sizeof arr[0] * 10);
    free(arr);
    return 0;
}

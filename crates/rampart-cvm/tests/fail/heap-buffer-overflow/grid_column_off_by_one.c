// expect: heap-buffer-overflow line 15
/* CWE-193: a row-major grid indexed with c <= cols overflows only on the last row. */
#include <stdio.h>
#include <stdlib.h>

int main(void)
{
    int rows = 3, cols = 4;
    int *cells = calloc((size_t)(rows * cols), sizeof *cells);
    if (!cells)
        return 1;
    long sum = 0;
    for (int r = 0; r < rows; r++)
        for (int c = 0; c <= cols; c++)
            sum += cells[r * cols + c]; /* FLAW: r == 2, c == 4 reads cells[12] */
    printf("%ld\n", sum);
    free(cells);
    return 0;
}

#include <stdio.h>
#include <stdlib.h>

int main(void)
{
    size_t rows = 3, cols = 4;
    int *cells = malloc(rows * cols * sizeof *cells);
    if (!cells)
        return 1;
    for (size_t r = 0; r < rows; r++)
        for (size_t c = 0; c < cols; c++)
            cells[r * cols + c] = (int)(r * 10 + c);
    int *last = cells + rows * cols;   /* one past the end */
    int sum = 0;
    for (int *p = cells; p < last; p++)
        sum += *p;
    printf("sum %d\n", sum);
    for (size_t c = 0; c < cols; c++) {
        for (size_t r = 0; r < rows; r++)
            printf("%3d", cells[r * cols + c]);
        printf("\n");
    }
    free(cells);
    return 0;
}

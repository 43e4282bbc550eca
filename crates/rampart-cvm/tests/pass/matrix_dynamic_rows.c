#include <stdio.h>
#include <stdlib.h>

static void free_matrix(int **m, int rows)
{
    if (!m)
        return;
    for (int r = 0; r < rows; r++)
        free(m[r]);
    free(m);
}

static int **make_matrix(int rows, int cols)
{
    int **m = calloc((size_t)rows, sizeof *m);
    if (!m)
        return NULL;
    for (int r = 0; r < rows; r++) {
        m[r] = malloc((size_t)cols * sizeof **m);
        if (!m[r]) {
            free_matrix(m, rows);
            return NULL;
        }
        for (int c = 0; c < cols; c++)
            m[r][c] = (r + 1) * (c + 1);
    }
    return m;
}

int main(void)
{
    int rows = 4, cols = 5;
    int **m = make_matrix(rows, cols);
    if (!m)
        return 1;
    for (int r = 0; r < rows; r++) {
        for (int c = 0; c < cols; c++)
            printf("%3d", m[r][c]);
        printf("\n");
    }
    free_matrix(m, rows);
    return 0;
}

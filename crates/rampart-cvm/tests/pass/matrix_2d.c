#include <stdio.h>

#define N 3

static void multiply(int a[N][N], int b[N][N], int out[N][N])
{
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++) {
            int s = 0;
            for (int k = 0; k < N; k++)
                s += a[i][k] * b[k][j];
            out[i][j] = s;
        }
}

int main(void)
{
    int a[N][N] = {{1, 2, 3}, {4, 5, 6}, {7, 8, 9}};
    int id[N][N] = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
    int r[N][N];
    multiply(a, a, r);
    for (int i = 0; i < N; i++)
        printf("%4d %4d %4d\n", r[i][0], r[i][1], r[i][2]);
    multiply(a, id, r);
    int same = 1;
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++)
            same &= r[i][j] == a[i][j];
    printf("identity ok: %d\n", same);
    int (*row)[N] = a;   /* pointer to an array of N ints */
    row++;
    printf("second row starts with %d, sizeof row %zu\n", (*row)[0], sizeof *row);
    return 0;
}

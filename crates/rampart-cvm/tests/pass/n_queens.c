#include <stdio.h>

#define N 6

static int cols[N];

static int safe(int row, int col)
{
    for (int r = 0; r < row; r++) {
        int c = cols[r];
        if (c == col || c - col == r - row || c - col == row - r)
            return 0;
    }
    return 1;
}

static int solve(int row)
{
    if (row == N)
        return 1;
    int n = 0;
    for (int c = 0; c < N; c++) {
        if (safe(row, c)) {
            cols[row] = c;
            n += solve(row + 1);
        }
    }
    return n;
}

int main(void)
{
    printf("%d solutions for %d queens\n", solve(0), N);
    return 0;
}

#include <stdio.h>

static size_t inside(int arr[10])
{
    (void)arr;
    return sizeof(int *);   /* the parameter is really a pointer */
}

static int sum(const int *a, size_t n)
{
    int s = 0;
    for (size_t i = 0; i < n; i++)
        s += a[i];
    return s;
}

static void fill(int (*m)[3], int rows)
{
    for (int r = 0; r < rows; r++)
        for (int c = 0; c < 3; c++)
            m[r][c] = r - c;
}

int main(void)
{
    int a[10] = {1, 1, 2, 3, 5, 8, 13, 21, 34, 55};
    printf("%zu %zu\n", sizeof a, inside(a));
    printf("%d %d\n", sum(a, 10), sum(a + 5, 5));
    int m[2][3];
    fill(m, 2);
    printf("%d %d %d\n", m[0][0], m[1][0], m[1][2]);
    return 0;
}

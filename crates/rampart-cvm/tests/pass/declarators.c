#include <stdio.h>

static int twice(int x) { return 2 * x; }
static int square(int x) { return x * x; }
static int negate(int x) { return -x; }

/* a function returning a pointer to a function taking int and returning int */
static int (*pick(char c))(int)
{
    switch (c) {
    case 't': return twice;
    case 's': return square;
    default:  return negate;
    }
}

int main(void)
{
    int (*table[3])(int) = {twice, square, negate};   /* array of function pointers */
    int (**pp)(int) = table;
    for (int i = 0; i < 3; i++)
        printf("%d ", pp[i](7));
    printf("\n%d %d %d\n", pick('t')(5), pick('s')(5), (*pick('x'))(5));
    int m[2][3][4];
    int (*plane)[3][4] = m;      /* pointer to a 3x4 array */
    int (*row)[4] = m[1];        /* pointer to a row of 4 */
    for (int i = 0; i < 2; i++)
        for (int j = 0; j < 3; j++)
            for (int k = 0; k < 4; k++)
                m[i][j][k] = i * 100 + j * 10 + k;
    printf("%d %d %d\n", plane[1][2][3], row[2][1], (*(row + 1))[3]);
    printf("%zu %zu %zu\n", sizeof m, sizeof m[1], sizeof *row);
    const char *const *names = (const char *const[]){"a", "b"};
    printf("%s%s\n", names[1], names[0]);
    return 0;
}

// expect: global-buffer-overflow line 13
/* CWE-125: iterating rows with <= on a global 2D array. */
#include <stdio.h>

#define ROWS 3
#define COLS 4
static int board[ROWS][COLS] = {{1, 2, 3, 4}, {5, 6, 7, 8}, {9, 10, 11, 12}};

int main(void)
{
    int total = 0;
    for (int r = 0; r <= ROWS; r++)
        total += board[r][0]; /* FLAW: board[3][0] is past the whole array */
    printf("%d\n", total);
    return 0;
}

#include <stdio.h>
#include <string.h>

#define MAXR 8
#define MAXC 16

int main(void)
{
    char grid[MAXR][MAXC + 2];
    int rows = 0;
    while (rows < MAXR && fgets(grid[rows], sizeof grid[rows], stdin)) {
        grid[rows][strcspn(grid[rows], "\n")] = '\0';
        rows++;
    }
    int walls = 0;
    for (int r = 0; r < rows; r++)
        for (size_t c = 0; grid[r][c]; c++)
            walls += grid[r][c] == '#';
    printf("%d rows, %d walls\n", rows, walls);
    for (int r = rows - 1; r >= 0; r--)
        printf("%s\n", grid[r]);
    return 0;
}

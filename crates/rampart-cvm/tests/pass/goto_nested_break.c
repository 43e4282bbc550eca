#include <stdio.h>

int main(void)
{
    int grid[4][4] = {{1, 2, 3, 4}, {5, 6, 7, 8}, {9, 10, 11, 12}, {13, 14, 15, 16}};
    int target = 11, fr = -1, fc = -1;
    for (int r = 0; r < 4; r++)
        for (int c = 0; c < 4; c++)
            if (grid[r][c] == target) {
                fr = r;
                fc = c;
                goto found;
            }
    puts("not found");
    return 0;
found:
    printf("found %d at (%d,%d)\n", target, fr, fc);
    int i = 0;
again:
    if (i < 3) {
        printf("iteration %d\n", i);
        i++;
        goto again;
    }
    return 0;
}

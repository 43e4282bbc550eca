#include <stdio.h>
#include <string.h>

#define W 8
#define H 6

static int neighbours(char g[H][W], int r, int c)
{
    int n = 0;
    for (int dr = -1; dr <= 1; dr++)
        for (int dc = -1; dc <= 1; dc++) {
            if (!dr && !dc)
                continue;
            int rr = r + dr, cc = c + dc;
            if (rr >= 0 && rr < H && cc >= 0 && cc < W)
                n += g[rr][cc];
        }
    return n;
}

static void step(char g[H][W])
{
    char next[H][W];
    for (int r = 0; r < H; r++)
        for (int c = 0; c < W; c++) {
            int n = neighbours(g, r, c);
            next[r][c] = (char)(n == 3 || (n == 2 && g[r][c]));
        }
    memcpy(g, next, sizeof next);
}

static void show(char g[H][W])
{
    for (int r = 0; r < H; r++) {
        for (int c = 0; c < W; c++)
            putchar(g[r][c] ? '#' : '.');
        putchar('\n');
    }
    putchar('\n');
}

int main(void)
{
    char g[H][W] = {{0}};
    g[0][1] = g[1][2] = g[2][0] = g[2][1] = g[2][2] = 1; /* glider */
    for (int gen = 0; gen < 4; gen++)
        step(g);
    show(g);
    return 0;
}

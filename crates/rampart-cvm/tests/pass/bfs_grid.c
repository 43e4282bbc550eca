#include <stdio.h>
#include <string.h>

#define R 5
#define C 7

static const char *maze[R] = {
    "S.#....",
    ".##.##.",
    "...#...",
    ".#...#.",
    "...#..E",
};

int main(void)
{
    int dist[R][C];
    int queue[R * C][2];
    int head = 0, tail = 0;
    memset(dist, -1, sizeof dist);
    dist[0][0] = 0;
    queue[tail][0] = 0;
    queue[tail][1] = 0;
    tail++;
    static const int dr[4] = {1, -1, 0, 0}, dc[4] = {0, 0, 1, -1};
    while (head < tail) {
        int r = queue[head][0], c = queue[head][1];
        head++;
        for (int k = 0; k < 4; k++) {
            int nr = r + dr[k], nc = c + dc[k];
            if (nr < 0 || nr >= R || nc < 0 || nc >= C)
                continue;
            if (maze[nr][nc] == '#' || dist[nr][nc] != -1)
                continue;
            dist[nr][nc] = dist[r][c] + 1;
            queue[tail][0] = nr;
            queue[tail][1] = nc;
            tail++;
        }
    }
    printf("shortest path %d, visited %d\n", dist[R - 1][C - 1], tail);
    return 0;
}

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Returns 0 and sets *out to a new copy, or -1 and leaves *out alone. */
static int dup_string(const char *s, char **out)
{
    size_t n = strlen(s) + 1;
    char *p = malloc(n);
    if (!p)
        return -1;
    memcpy(p, s, n);
    *out = p;
    return 0;
}

static void advance(const char **cursor, char stop)
{
    while (**cursor && **cursor != stop)
        (*cursor)++;
}

int main(void)
{
    char *copy = NULL;
    if (dup_string("key=value", &copy) != 0)
        return 1;
    const char *cur = copy;
    advance(&cur, '=');
    printf("rest: %s\n", cur);
    int **grid = malloc(3 * sizeof *grid);
    if (!grid) {
        free(copy);
        return 1;
    }
    for (int r = 0; r < 3; r++) {
        grid[r] = malloc((size_t)(r + 1) * sizeof **grid);
        for (int c = 0; c <= r; c++)
            grid[r][c] = r * 10 + c;
    }
    for (int r = 0; r < 3; r++) {
        for (int c = 0; c <= r; c++)
            printf("%d ", grid[r][c]);
        printf("\n");
        free(grid[r]);
    }
    free(grid);
    free(copy);
    return 0;
}

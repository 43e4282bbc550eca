#include <stdbool.h>
#include <stdio.h>

static bool is_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int main(void)
{
    int years[] = {1900, 2000, 2023, 2024};
    for (int i = 0; i < 4; i++)
        printf("%d %s\n", years[i], is_leap(years[i]) ? "leap" : "common");
    bool b = 42;        /* any non-zero value becomes true (1) */
    printf("%d %zu\n", b, sizeof(bool));
    bool flags[3] = {true};
    printf("%d%d%d\n", flags[0], flags[1], flags[2]);
    return 0;
}

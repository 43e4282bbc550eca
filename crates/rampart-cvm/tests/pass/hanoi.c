#include <stdio.h>

static int moves;

static void hanoi(int n, char from, char to, char via)
{
    if (n == 0)
        return;
    hanoi(n - 1, from, via, to);
    moves++;
    if (n >= 3)
        printf("move disk %d %c->%c\n", n, from, to);
    hanoi(n - 1, via, to, from);
}

int main(void)
{
    hanoi(5, 'A', 'C', 'B');
    printf("%d moves\n", moves);
    return 0;
}

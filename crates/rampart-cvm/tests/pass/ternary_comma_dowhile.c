#include <stdio.h>

static int collatz_steps(unsigned n)
{
    int steps = 0;
    do {
        n = n % 2 ? 3 * n + 1 : n / 2;
        steps++;
    } while (n != 1);
    return steps;
}

int main(void)
{
    int i, j;
    for (i = 0, j = 10; i < j; i += 2, j -= 1)
        printf("(%d,%d)", i, j);
    printf("\n");
    printf("%d %d %d\n", collatz_steps(2), collatz_steps(7), collatz_steps(27));
    int x = 5;
    const char *size = x < 3 ? "small" : x < 10 ? "medium" : "large";
    printf("%s\n", size);
    int k = (x++, x * 2);
    printf("%d %d\n", x, k);
    int n = 0;
    do
        n++;
    while (0);
    printf("%d\n", n);
    return 0;
}

#include <stdio.h>

int main(void)
{
    int x, count = 0;
    long sum = 0;
    int min = 0, max = 0;
    while (scanf("%d", &x) == 1) {
        if (count == 0 || x < min)
            min = x;
        if (count == 0 || x > max)
            max = x;
        sum += x;
        count++;
    }
    if (count == 0) {
        puts("no numbers");
        return 0;
    }
    printf("count=%d sum=%ld min=%d max=%d avg=%ld\n", count, sum, min, max, sum / count);
    return 0;
}

#include <stdio.h>

static inline int clamp(int v, int lo, int hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

static volatile int ticks;

int main(void)
{
    const int limit = 10;
    const int *const cp = &limit;
    for (int i = 0; i < 5; i++)
        ticks++;
    printf("%d %d %d\n", clamp(-5, 0, *cp), clamp(5, 0, *cp), clamp(50, 0, *cp));
    printf("%d\n", ticks);
    return 0;
}

// expect: limit-exceeded line 0
/* CWE-835: a polling loop whose exit condition is never met. */
#include <stdio.h>

static int ready(unsigned tick)
{
    return tick == 0xFFFFFFFFu + 1ull; /* never true for an unsigned int */
}

int main(void)
{
    unsigned tick = 0;
    for (;;) {
        if (ready(tick))
            break;
        tick++;
    }
    printf("%u\n", tick);
    return 0;
}

#include <stdio.h>

/* Some real work: a few hundred thousand loop iterations. */
int main(void)
{
    unsigned state = 1;
    unsigned long long sum = 0;
    for (int i = 0; i < 200000; i++) {
        state = state * 1664525u + 1013904223u;
        sum += state >> 16;
    }
    printf("%llu\n", sum);
    int longest = 0, arg = 0;
    for (int n = 1; n < 3000; n++) {
        unsigned long long x = (unsigned long long)n;
        int steps = 0;
        while (x != 1) {
            x = x % 2 ? 3 * x + 1 : x / 2;
            steps++;
        }
        if (steps > longest) {
            longest = steps;
            arg = n;
        }
    }
    printf("%d %d\n", arg, longest);
    return 0;
}

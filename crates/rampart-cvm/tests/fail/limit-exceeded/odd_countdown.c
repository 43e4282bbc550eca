// expect: limit-exceeded line 0
/* CWE-835: counting down by two from an odd number never hits zero (unsigned wraps). */
#include <stdio.h>

int main(void)
{
    unsigned n = 7;
    unsigned steps = 0;
    do {
        n -= 2;
        steps++;
    } while (n != 0);
    printf("%u\n", steps);
    return 0;
}

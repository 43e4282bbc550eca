// expect: limit-exceeded line 0
/* CWE-835: the inner loop increments the outer counter. */
#include <stdio.h>

int main(void)
{
    unsigned total = 0;
    for (unsigned i = 0; i < 3; i++)
        for (unsigned j = 0; j < 3; i++)
            total = (total + i + j) % 1000u;
    printf("%u\n", total);
    return 0;
}

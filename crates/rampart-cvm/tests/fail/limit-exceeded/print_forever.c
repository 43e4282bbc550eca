// expect: limit-exceeded line 0
/* CWE-835: an infinite loop that also floods the output. */
#include <stdio.h>

int main(void)
{
    for (unsigned i = 0;; i++)
        printf("line %u\n", i % 1000);
    return 0;
}

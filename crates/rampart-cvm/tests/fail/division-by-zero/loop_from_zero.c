// expect: division-by-zero line 10
/* CWE-369: a divisor loop that starts at 0 instead of 1. */
#include <stdio.h>

int main(void)
{
    int n = 12;
    int divisors = 0;
    for (int d = 0; d <= n; d++)
        if (n % d == 0) /* FLAW: d == 0 on the first iteration */
            divisors++;
    printf("%d\n", divisors);
    return 0;
}

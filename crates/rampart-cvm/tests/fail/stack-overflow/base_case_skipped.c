// expect: stack-overflow line 5-10
/* CWE-674: stepping by two from an odd number jumps over the base case n == 0. */
#include <stdio.h>

static long sum_even(unsigned n)
{
    if (n == 0)
        return 0;
    return n + sum_even(n - 2); /* FLAW: 7, 5, 3, 1, 4294967295, ... */
}

int main(void)
{
    printf("%ld\n", sum_even(8));
    printf("%ld\n", sum_even(7));
    return 0;
}

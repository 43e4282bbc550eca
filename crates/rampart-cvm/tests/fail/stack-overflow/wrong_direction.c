// expect: stack-overflow line 5-10
/* CWE-674: the recursive call moves away from the base case. */
#include <stdio.h>

static unsigned long long fib(int n)
{
    if (n == 0 || n == 1)
        return (unsigned long long)n;
    return fib(n + 1) + fib(n + 2); /* FLAW: should be n - 1 and n - 2 */
}

int main(void)
{
    printf("%llu\n", fib(1));
    printf("%llu\n", fib(10));
    return 0;
}

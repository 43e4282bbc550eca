// expect: stack-overflow line 0
/* CWE-674: mutual recursion that only terminates for non-negative input. */
#include <stdio.h>

static int is_odd(int n);

static int is_even(int n)
{
    return n == 0 ? 1 : is_odd(n - 1);
}

static int is_odd(int n)
{
    return n == 0 ? 0 : is_even(n - 1);
}

int main(void)
{
    printf("%d %d\n", is_even(10), is_odd(7));
    printf("%d\n", is_even(-1)); /* FLAW: never reaches 0 before the stack runs out */
    return 0;
}

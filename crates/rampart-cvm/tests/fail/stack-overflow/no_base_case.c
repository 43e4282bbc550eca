// expect: stack-overflow line 5-8
/* CWE-674: a recursive function without a base case. */
#include <stdio.h>

static int count_down(int n)
{
    return 1 + count_down(n - 1); /* FLAW */
}

int main(void)
{
    printf("%d\n", count_down(10));
    return 0;
}

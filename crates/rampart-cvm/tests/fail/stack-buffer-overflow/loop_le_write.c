// expect: stack-buffer-overflow line 10
/* CWE-121/CWE-193: an off-by-one loop bound writes one element past a local array. */
#include <stdio.h>

static int sum_squares(int n)
{
    int squares[10];
    int s = 0;
    for (int i = 0; i <= n; i++)
        squares[i] = i * i; /* FLAW: i == 10 is out of bounds when n == 10 */
    for (int i = 0; i < 10; i++)
        s += squares[i];
    return s;
}

int main(void)
{
    printf("%d\n", sum_squares(9));
    printf("%d\n", sum_squares(10));
    return 0;
}

// expect: null-dereference line 7
/* CWE-476: an optional out-parameter is written without a check. */
#include <stdio.h>

static int divide(int a, int b, int *remainder)
{
    *remainder = a % b; /* FLAW: the second caller passes NULL */
    return a / b;
}

int main(void)
{
    int r;
    int q = divide(17, 5, &r);
    printf("%d r %d\n", q, r);
    printf("%d\n", divide(17, 5, NULL));
    return 0;
}

// expect: division-by-zero line 9
/* CWE-369: a divisor read from input. */
#include <stdio.h>

int main(void)
{
    int a, b;
    while (scanf("%d %d", &a, &b) == 2)
        printf("%d / %d = %d\n", a, b, a / b); /* FLAW: the third pair has b == 0 */
    return 0;
}

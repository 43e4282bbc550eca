// expect: use-of-uninitialized-value line 9
/* CWE-252/CWE-457: scanf fails on non-numeric input and the variable stays uninitialised. */
#include <stdio.h>

int main(void)
{
    int quantity;
    scanf("%d", &quantity); /* return value ignored */
    if (quantity > 100) /* FLAW: input was "lots" */
        puts("bulk order");
    else
        puts("small order");
    return 0;
}

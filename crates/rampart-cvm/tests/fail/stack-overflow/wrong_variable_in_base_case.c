// expect: stack-overflow line 5-10
/* CWE-674: the base case tests the wrong parameter. */
#include <stdio.h>

static int power(int base, int exp)
{
    if (base == 0) /* should test exp == 0 */
        return 1;
    return base * power(base, exp - 1) / base; /* FLAW */
}

int main(void)
{
    printf("%d\n", power(0, 5));
    printf("%d\n", power(2, 5));
    return 0;
}

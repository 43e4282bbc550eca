// expect: invalid-shift line 9
/* CWE-1335: the shift count comes from input and is not range-checked. */
#include <stdio.h>

int main(void)
{
    int n;
    while (scanf("%d", &n) == 1) {
        unsigned mask = (1u << n) - 1u; /* FLAW: n == 40 */
        printf("%u\n", mask);
    }
    return 0;
}

// expect: invalid-shift line 9
/* CWE-1335: 1 << 31 does not fit in a signed int (use 1u << 31). */
#include <stdio.h>

int main(void)
{
    int flags = 0;
    for (int b = 28; b < 32; b++) {
        flags |= 1 << b; /* FLAW: b == 31 */
        printf("%d\n", flags);
    }
    return 0;
}

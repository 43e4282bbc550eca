// expect: signed-integer-overflow line 9
/* CWE-190: 64-bit signed arithmetic overflows too. */
#include <stdio.h>

int main(void)
{
    long long bytes = 1;
    for (int i = 0; i < 64; i++) {
        bytes = bytes * 2; /* FLAW: 2^63 */
        if (i % 16 == 15)
            printf("%lld\n", bytes);
    }
    return 0;
}

// expect: invalid-shift line 11
/* CWE-1335: a compound shift accumulates past the width. */
#include <stdio.h>

int main(void)
{
    unsigned x = 1;
    int steps[] = {8, 8, 8, 8, 1};
    for (int i = 0; i < 5; i++) {
        int s = steps[i] + (i == 3 ? 25 : 0);
        x <<= s; /* FLAW: s == 33 */
        printf("%u\n", x);
    }
    return 0;
}

// expect: signed-integer-overflow line 6
/* CWE-190: (lo + hi) / 2 overflows for large indices; lo + (hi - lo) / 2 does not. */
#include <stdio.h>

static int mid_good(int lo, int hi) { return lo + (hi - lo) / 2; }
static int mid_bad(int lo, int hi) { return (lo + hi) / 2; } /* FLAW */

int main(void)
{
    int lo, hi;
    while (scanf("%d %d", &lo, &hi) == 2) {
        printf("%d\n", mid_good(lo, hi));
        printf("%d\n", mid_bad(lo, hi));
    }
    return 0;
}

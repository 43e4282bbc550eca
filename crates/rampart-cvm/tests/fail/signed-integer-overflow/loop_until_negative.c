// expect: signed-integer-overflow line 8
/* CWE-190: a loop that relies on a signed value wrapping negative to stop. */
#include <stdio.h>

int main(void)
{
    int steps = 0;
    for (int size = 1; size > 0; size *= 2) /* FLAW: 2^30 * 2 overflows */
        steps++;
    printf("%d\n", steps);
    return 0;
}

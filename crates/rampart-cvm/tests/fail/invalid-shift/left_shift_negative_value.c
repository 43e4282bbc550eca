// expect: invalid-shift line 9
/* CWE-1335: left-shifting a negative signed value is undefined. */
#include <stdio.h>

int main(void)
{
    int deltas[] = {3, 1, -2};
    for (int i = 0; i < 3; i++)
        printf("%d\n", deltas[i] << 4); /* FLAW: -2 << 4 */
    return 0;
}

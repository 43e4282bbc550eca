// expect: signed-integer-overflow line 10
/* CWE-190: summing large values in an int accumulator. */
#include <stdio.h>

int main(void)
{
    int sizes[] = {900000000, 800000000, 700000000};
    int total = 0;
    for (int i = 0; i < 3; i++)
        total += sizes[i]; /* FLAW: the second addition exceeds INT_MAX */
    printf("%d\n", total);
    return 0;
}

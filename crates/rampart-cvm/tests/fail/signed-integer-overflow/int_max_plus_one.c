// expect: signed-integer-overflow line 11
/* CWE-190: incrementing a counter that is already INT_MAX. */
#include <limits.h>
#include <stdio.h>

int main(void)
{
    int visits = INT_MAX - 1;
    visits = visits + 1;
    printf("%d\n", visits);
    visits = visits + 1; /* FLAW */
    printf("%d\n", visits);
    return 0;
}

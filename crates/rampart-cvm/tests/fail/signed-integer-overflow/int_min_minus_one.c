// expect: signed-integer-overflow line 10
/* CWE-191: decrementing below INT_MIN. */
#include <limits.h>
#include <stdio.h>

int main(void)
{
    int balance = INT_MIN + 2;
    for (int i = 0; i < 3; i++) {
        balance--; /* FLAW: third decrement */
        printf("%d\n", balance);
    }
    return 0;
}

// expect: signed-integer-overflow line 8
/* CWE-190: INT_MIN % -1 is undefined because INT_MIN / -1 is. */
#include <limits.h>
#include <stdio.h>

static int bucket(int key, int n)
{
    return key % n; /* FLAW */
}

int main(void)
{
    printf("%d\n", bucket(-7, 3));
    printf("%d\n", bucket(INT_MIN, -1));
    return 0;
}

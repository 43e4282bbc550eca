// expect: division-by-zero line 7
/* CWE-369: a divisor parameter is not validated. */
#include <stdio.h>

static int per_item(int total, int items)
{
    return total / items; /* FLAW */
}

int main(void)
{
    printf("%d\n", per_item(100, 4));
    printf("%d\n", per_item(100, 0));
    return 0;
}

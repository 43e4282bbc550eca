// expect: division-by-zero line 9
/* CWE-369: slope between two points with the same x coordinate. */
#include <stdio.h>

struct pt { int x, y; };

static int slope(struct pt a, struct pt b)
{
    return (b.y - a.y) / (b.x - a.x); /* FLAW */
}

int main(void)
{
    struct pt p = {1, 2}, q = {3, 8}, r = {1, 9};
    printf("%d\n", slope(p, q));
    printf("%d\n", slope(p, r));
    return 0;
}

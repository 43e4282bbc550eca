// expect: stack-use-after-scope line 16
/* A pointer to a member of a block-scoped struct. */
#include <stdio.h>

struct point { int x, y; };

int main(void)
{
    int *py = NULL;
    int n = 3;
    while (n-- > 0) {
        struct point p = {n, n * n};
        if (n == 1)
            py = &p.y;
    }
    printf("%d\n", *py); /* FLAW */
    return 0;
}

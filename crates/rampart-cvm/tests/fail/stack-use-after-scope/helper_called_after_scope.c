// expect: stack-use-after-scope line 7
/* The dead pointer is passed to a helper that reads through it. */
#include <stdio.h>

static int sum3(const int *v)
{
    return v[0] + v[1] + v[2]; /* FLAW */
}

int main(void)
{
    const int *weights;
    {
        int w[3] = {1, 2, 3};
        weights = w;
        printf("%d\n", sum3(weights));
    }
    printf("%d\n", sum3(weights));
    return 0;
}

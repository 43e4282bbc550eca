// expect: stack-use-after-scope line 14
/* An outer pointer-to-pointer still refers to an inner block's pointer. */
#include <stdio.h>

int main(void)
{
    int value = 7;
    int **pp = NULL;
    {
        int *inner = &value;
        pp = &inner;
        printf("%d\n", **pp);
    }
    printf("%d\n", **pp); /* FLAW: inner is out of scope */
    return 0;
}

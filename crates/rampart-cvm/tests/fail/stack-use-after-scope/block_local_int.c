// expect: stack-use-after-scope line 13
/* CWE-562: a pointer to a variable of an inner block is used after the block. */
#include <stdio.h>

int main(void)
{
    int *p;
    {
        int x = 5;
        p = &x;
        printf("inside %d\n", *p);
    }
    printf("outside %d\n", *p); /* FLAW */
    return 0;
}

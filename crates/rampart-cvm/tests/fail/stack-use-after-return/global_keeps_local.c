// expect: stack-use-after-return line 17
/* CWE-562: a global pointer is left pointing at a local of a finished call. */
#include <stdio.h>

static int *last_result;

static void compute(int x)
{
    int result = x * x;
    last_result = &result;
    printf("computed %d\n", *last_result);
}

int main(void)
{
    compute(12);
    printf("last %d\n", *last_result); /* FLAW */
    return 0;
}

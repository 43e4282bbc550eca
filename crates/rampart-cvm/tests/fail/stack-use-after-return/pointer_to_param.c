// expect: stack-use-after-return line 14
/* CWE-562: parameters are locals too; their address dies with the call. */
#include <stdio.h>

static const long *remember(long value)
{
    const long *p = &value;
    return p;
}

int main(void)
{
    const long *p = remember(99);
    long v = *p; /* FLAW */
    printf("%ld\n", v);
    return 0;
}

#include <assert.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

static int safe_div(int a, int b)
{
    assert(b != 0);
    return a / b;
}

int main(void)
{
    assert(1 + 1 == 2);
    printf("%d\n", safe_div(9, 3));
    errno = 0;
    char *end;
    long v = strtol("123", &end, 10);
    printf("%ld %d %d\n", v, errno, *end == '\0');
    return 0;
}

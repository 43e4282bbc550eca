// expect: use-of-uninitialized-value line 10
/* CWE-457: a flag is only set on one path, then tested. */
#include <stdio.h>

static int check(int code)
{
    int ok;
    if (code == 0)
        ok = 1;
    if (ok) /* FLAW: ok is uninitialised when code != 0 */
        return 1;
    return 0;
}

int main(void)
{
    printf("%d\n", check(0));
    printf("%d\n", check(5));
    return 0;
}

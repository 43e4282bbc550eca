// expect: bad-free line 25
/* CWE-590: a function returns either a heap string or a literal, and the caller frees both. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *describe(int code)
{
    if (code == 0)
        return "ok";
    char *s = malloc(32);
    if (!s)
        return "out of memory";
    snprintf(s, 32, "error %d", code);
    return s;
}

int main(void)
{
    char *a = describe(5);
    printf("%s\n", a);
    free(a);
    char *b = describe(0);
    printf("%s\n", b);
    free(b); /* FLAW: b is a string literal */
    return 0;
}

// expect: use-of-uninitialized-value line 10
/* CWE-457: an uninitialised field travels through a struct copy and a call before it is used. */
#include <stdio.h>

struct options { int verbose; int retries; };

static int effective_retries(struct options o)
{
    int r = o.retries * 2;   /* arithmetic keeps the value uninitialised; not yet an error */
    if (r > 4) /* FLAW */
        return 4;
    return r;
}

int main(void)
{
    struct options o;
    o.verbose = 1;
    struct options copy = o;
    printf("%d\n", effective_retries(copy));
    return 0;
}

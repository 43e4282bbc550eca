// expect: use-of-uninitialized-value line 14
/* CWE-824: an uninitialised pointer is dereferenced. */
#include <stdio.h>

struct stats { int hits; };

int main(void)
{
    struct stats s = {0};
    struct stats *target;
    int use_global = 0;
    if (use_global)
        target = &s;
    target->hits = 1; /* FLAW: target holds garbage */
    printf("%d\n", s.hits);
    return 0;
}

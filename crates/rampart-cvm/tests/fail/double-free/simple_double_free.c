// expect: double-free line 12
/* CWE-415: the same block is freed twice. */
#include <stdlib.h>

int main(void)
{
    char *p = malloc(16);
    if (!p)
        return 1;
    p[0] = 'x';
    free(p);
    free(p); /* FLAW */
    return 0;
}

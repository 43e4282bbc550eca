// expect: heap-use-after-free line 22
/* CWE-416: a library call writes into a released buffer. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *cache;

static void cache_clear(void)
{
    free(cache); /* forgets to reset cache to NULL */
}

int main(void)
{
    cache = malloc(32);
    if (!cache)
        return 1;
    strcpy(cache, "first");
    printf("%s\n", cache);
    cache_clear();
    strcpy(cache, "second"); /* FLAW */
    printf("%s\n", cache);
    return 0;
}

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The cache is still reachable from a global at exit: not a leak. */
static char *cache;

static const char *greeting(void)
{
    if (!cache) {
        cache = malloc(32);
        if (!cache)
            return "fallback";
        strcpy(cache, "computed once");
    }
    return cache;
}

int main(void)
{
    for (int i = 0; i < 3; i++)
        printf("%s\n", greeting());
    return 0;
}

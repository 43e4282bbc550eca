// expect: memory-leak line 8
/* CWE-401: a zeroed histogram that is never released. */
#include <stdio.h>
#include <stdlib.h>

static int most_common(const char *s)
{
    int *hist = calloc(256, sizeof *hist); /* FLAW */
    if (!hist)
        return -1;
    int best = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if (++hist[*p] > hist[best])
            best = *p;
    return best;
}

int main(void)
{
    printf("%c\n", most_common("mississippi"));
    return 0;
}

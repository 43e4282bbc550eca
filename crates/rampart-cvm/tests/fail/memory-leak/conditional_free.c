// expect: memory-leak line 8
/* CWE-401: the buffer is only freed on one branch. */
#include <stdio.h>
#include <stdlib.h>

static void report(int verbose)
{
    char *line = malloc(64); /* FLAW: leaked when verbose is 0 */
    if (!line)
        return;
    snprintf(line, 64, "verbose=%d", verbose);
    if (verbose) {
        puts(line);
        free(line);
    }
}

int main(void)
{
    report(1);
    report(0);
    return 0;
}

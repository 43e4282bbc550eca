// expect: double-free line 23
/* CWE-415: the callee frees on error and so does the caller. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int parse(char *buf)
{
    if (strlen(buf) < 3) {
        free(buf);
        return -1;
    }
    return 0;
}

static void run(const char *input)
{
    char *buf = malloc(64);
    if (!buf)
        return;
    strcpy(buf, input);
    if (parse(buf) != 0) {
        free(buf); /* FLAW: parse already freed it */
        return;
    }
    printf("parsed %s\n", buf);
    free(buf);
}

int main(void)
{
    run("valid");
    run("x");
    return 0;
}

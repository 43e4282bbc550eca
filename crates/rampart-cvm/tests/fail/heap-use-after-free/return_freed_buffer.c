// expect: heap-use-after-free line 22
/* CWE-416: a helper frees its scratch buffer but returns a pointer into it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *basename_of(const char *path)
{
    char *scratch = malloc(strlen(path) + 1);
    if (!scratch)
        return path;
    strcpy(scratch, path);
    char *slash = strrchr(scratch, '/');
    const char *result = slash ? slash + 1 : scratch;
    free(scratch);
    return result;
}

int main(void)
{
    const char *name = basename_of("/var/log/auth.log");
    printf("%c\n", name[0]); /* FLAW */
    return 0;
}

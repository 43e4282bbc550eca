// expect: heap-buffer-overflow line 19
/* CWE-122: the copy is allocated with strlen(src) bytes, one too few for the terminator. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *dup_good(const char *src)
{
    char *copy = malloc(strlen(src) + 1);
    if (copy)
        strcpy(copy, src);
    return copy;
}

static char *dup_bad(const char *src)
{
    char *copy = malloc(strlen(src));
    if (copy)
        strcpy(copy, src); /* FLAW: writes strlen(src) + 1 bytes */
    return copy;
}

int main(void)
{
    char *a = dup_good("good copy");
    printf("%s\n", a);
    free(a);
    char *b = dup_bad("bad copy");
    printf("%s\n", b);
    free(b);
    return 0;
}

// expect: memory-leak line 9
/* CWE-401: the grown buffer is stored in a local that goes out of scope. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int append(char *buf, const char *s)
{
    char *grown = realloc(buf, strlen(buf) + strlen(s) + 1); /* FLAW: grown is never returned */
    if (!grown)
        return -1;
    strcat(grown, s);
    printf("%s\n", grown);
    return 0;
}

int main(void)
{
    char *buf = malloc(8);
    if (!buf)
        return 1;
    strcpy(buf, "abc");
    if (append(buf, "defghijklmnop") != 0)
        free(buf);
    /* buf is dangling now; the caller cannot free the new block */
    return 0;
}

// expect: bad-free line 16
/* CWE-761: the pointer was advanced while parsing and no longer points at the start. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(void)
{
    char *buf = malloc(32);
    if (!buf)
        return 1;
    strcpy(buf, "   trimmed");
    while (*buf == ' ')
        buf++;
    printf("%s\n", buf);
    free(buf); /* FLAW: buf points three bytes into the block */
    return 0;
}

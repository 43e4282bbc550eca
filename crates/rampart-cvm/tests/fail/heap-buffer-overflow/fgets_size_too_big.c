// expect: heap-buffer-overflow line 13
/* CWE-122: fgets is told the buffer is larger than it is. */
#include <stdio.h>
#include <stdlib.h>

#define LINE_MAX_LEN 64

int main(void)
{
    char *line = malloc(16);
    if (!line)
        return 1;
    if (fgets(line, LINE_MAX_LEN, stdin)) /* FLAW: the block holds 16 bytes */
        printf("read: %s", line);
    free(line);
    return 0;
}

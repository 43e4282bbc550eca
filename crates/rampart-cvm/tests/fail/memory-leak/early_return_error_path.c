// expect: memory-leak line 9
/* CWE-401: the error path returns without freeing the buffer. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int process(const char *input)
{
    char *copy = malloc(strlen(input) + 1); /* FLAW: leaked when input is empty */
    if (!copy)
        return -1;
    strcpy(copy, input);
    if (copy[0] == '\0') {
        puts("empty input");
        return -1;
    }
    printf("processed %s\n", copy);
    free(copy);
    return 0;
}

int main(void)
{
    process("data");
    process("");
    return 0;
}

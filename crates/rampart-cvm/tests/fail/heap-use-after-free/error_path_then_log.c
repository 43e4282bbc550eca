// expect: heap-use-after-free line 23
/* CWE-416: the error path frees the buffer and the logging code still uses it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int validate(char *buf)
{
    if (strchr(buf, ';')) {
        free(buf);
        return -1;
    }
    return 0;
}

static void handle(const char *input)
{
    char *buf = malloc(strlen(input) + 1);
    if (!buf)
        return;
    strcpy(buf, input);
    if (validate(buf) != 0) {
        printf("rejected: %s\n", buf); /* FLAW: validate freed buf */
        return;
    }
    printf("accepted: %s\n", buf);
    free(buf);
}

int main(void)
{
    handle("ls -l");
    handle("ls; rm -rf /");
    return 0;
}

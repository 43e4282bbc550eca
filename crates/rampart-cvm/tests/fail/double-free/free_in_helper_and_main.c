// expect: double-free line 20
/* CWE-415: ownership of a buffer is unclear between a consumer and its caller. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void consume(char *msg)
{
    printf("sending %s\n", msg);
    free(msg);
}

int main(void)
{
    char *msg = malloc(16);
    if (!msg)
        return 1;
    strcpy(msg, "ping");
    consume(msg);
    free(msg); /* FLAW */
    return 0;
}

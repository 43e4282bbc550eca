// expect: double-free line 10
/* CWE-415: a destructor that does not clear the caller's pointer is called twice. */
#include <stdio.h>
#include <stdlib.h>

struct buffer { size_t len; unsigned char *bytes; };

static void buffer_free(struct buffer *b)
{
    free(b->bytes); /* FLAW: on the second call b->bytes is already freed */
    b->len = 0;
}

int main(void)
{
    struct buffer b;
    b.len = 8;
    b.bytes = calloc(b.len, 1);
    if (!b.bytes)
        return 1;
    buffer_free(&b);
    puts("cleanup again on exit path");
    buffer_free(&b);
    return 0;
}

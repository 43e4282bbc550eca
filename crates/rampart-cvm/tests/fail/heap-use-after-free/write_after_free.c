// expect: heap-use-after-free line 22
/* CWE-416: a session is closed, then updated. */
#include <stdio.h>
#include <stdlib.h>

struct session { int id; int active; };

static void close_session(struct session *s)
{
    printf("closing %d\n", s->id);
    free(s);
}

int main(void)
{
    struct session *s = malloc(sizeof *s);
    if (!s)
        return 1;
    s->id = 7;
    s->active = 1;
    close_session(s);
    s->active = 0; /* FLAW: s was freed by close_session */
    return 0;
}

// expect: null-dereference line 11
/* CWE-476: an optional member is used as if it were always set. */
#include <stdio.h>

struct logger { const char *prefix; int level; };
struct app { const char *name; struct logger *log; };

static void start(const struct app *a)
{
    printf("starting %s\n", a->name);
    if (a->log->level > 0) /* FLAW: log is NULL for the second app */
        printf("%s started\n", a->log->prefix);
}

int main(void)
{
    struct logger l = {"[svc]", 1};
    struct app with_log = {"web", &l};
    struct app without_log = {"batch", NULL};
    start(&with_log);
    start(&without_log);
    return 0;
}

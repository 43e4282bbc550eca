// expect: global-buffer-overflow line 10
/* CWE-125: an enum value equal to the count is used as an index. */
#include <stdio.h>

enum level { DEBUG, INFO, WARN, ERROR, LEVEL_COUNT };
static const char *const level_names[LEVEL_COUNT] = {"debug", "info", "warn", "error"};

static void log_at(enum level l, const char *msg)
{
    printf("%s: %s\n", level_names[l], msg); /* FLAW: LEVEL_COUNT is one past the end */
}

int main(void)
{
    log_at(WARN, "disk almost full");
    log_at(LEVEL_COUNT, "oops");
    return 0;
}

// expect: global-buffer-overflow line 9
/* CWE-787: formatting a status line into a global buffer with sprintf. */
#include <stdio.h>

static char status[20];

static void report(const char *job, int percent)
{
    sprintf(status, "[%s] %d%% complete", job, percent); /* FLAW: too long for "compile-everything" */
    puts(status);
}

int main(void)
{
    report("link", 50);
    report("compile-everything", 100);
    return 0;
}

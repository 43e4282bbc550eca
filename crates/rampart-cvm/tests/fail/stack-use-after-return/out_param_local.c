// expect: stack-use-after-return line 17
/* CWE-562: an out-parameter is set to the address of a local. */
#include <stdio.h>

struct config { int port; int timeout; };

static void load_defaults(struct config **out)
{
    struct config defaults = {8080, 30};
    *out = &defaults;
}

int main(void)
{
    struct config *cfg;
    load_defaults(&cfg);
    printf("port %d\n", cfg->port); /* FLAW */
    return 0;
}

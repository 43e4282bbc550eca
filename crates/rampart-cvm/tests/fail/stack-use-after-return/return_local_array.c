// expect: stack-use-after-return line 16
/* CWE-562: a function returns the address of its local buffer. */
#include <stdio.h>

static char *make_greeting(const char *name)
{
    char buf[32];
    char *p = buf;
    snprintf(buf, sizeof buf, "hello, %s", name);
    return p; /* buf dies here */
}

int main(void)
{
    char *g = make_greeting("ada");
    printf("%c\n", g[0]); /* FLAW */
    return 0;
}

// expect: global-buffer-overflow line 10
/* CWE-120: a configuration value copied into a fixed global buffer. */
#include <stdio.h>
#include <string.h>

static char hostname[16];

static void set_host(const char *h)
{
    strcpy(hostname, h); /* FLAW: the second name is 27 characters */
}

int main(void)
{
    set_host("localhost");
    printf("%s\n", hostname);
    set_host("build-server.example.invalid");
    printf("%s\n", hostname);
    return 0;
}

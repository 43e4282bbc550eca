// expect: use-of-uninitialized-value line 20
/* CWE-457: a lookup leaves its result unset when the key is missing. */
#include <stdio.h>
#include <string.h>

static int lookup_port(const char *service)
{
    int port;
    if (strcmp(service, "http") == 0)
        port = 80;
    else if (strcmp(service, "https") == 0)
        port = 443;
    return port;
}

int main(void)
{
    printf("%d\n", lookup_port("https"));
    int p = lookup_port("gopher");
    if (p < 1024) /* FLAW */
        puts("privileged");
    return 0;
}

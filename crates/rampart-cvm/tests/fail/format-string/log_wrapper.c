// expect: format-string line 8
/* CWE-134: a logging helper passes its message straight to printf. */
#include <stdio.h>
#include <string.h>

static void log_msg(const char *msg)
{
    printf(msg); /* FLAW: msg comes from the request */
    printf("\n");
}

int main(void)
{
    char request[80];
    if (!fgets(request, sizeof request, stdin))
        return 1;
    request[strcspn(request, "\n")] = '\0';
    log_msg(request);
    return 0;
}

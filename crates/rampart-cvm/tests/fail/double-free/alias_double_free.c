// expect: double-free line 21
/* CWE-415: two owners each free the shared buffer. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct request { char *body; };
struct response { char *body; };

int main(void)
{
    struct request req;
    struct response resp;
    req.body = malloc(32);
    if (!req.body)
        return 1;
    strcpy(req.body, "echo me");
    resp.body = req.body; /* shallow copy: both think they own it */
    printf("%s\n", resp.body);
    free(req.body);
    free(resp.body); /* FLAW */
    return 0;
}

// expect: double-free line 19
/* CWE-415: a buffer freed in the body is freed again by the cleanup label. */
#include <stdio.h>
#include <stdlib.h>

static int work(int fail)
{
    int rc = -1;
    char *tmp = malloc(16);
    if (!tmp)
        return -1;
    if (fail) {
        free(tmp);
        goto out;
    }
    tmp[0] = 'k';
    rc = 0;
out:
    free(tmp); /* FLAW: on the failure path tmp is already freed */
    return rc;
}

int main(void)
{
    printf("%d\n", work(0));
    printf("%d\n", work(1));
    return 0;
}

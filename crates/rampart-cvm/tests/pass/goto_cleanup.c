#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int process(const char *input, int fail_at)
{
    int rc = -1;
    char *a = NULL, *b = NULL, *c = NULL;

    a = malloc(16);
    if (!a || fail_at == 1)
        goto out;
    b = malloc(32);
    if (!b || fail_at == 2)
        goto out;
    c = malloc(64);
    if (!c || fail_at == 3)
        goto out;
    snprintf(a, 16, "%s", input);
    snprintf(b, 32, "[%s]", a);
    snprintf(c, 64, "<%s>", b);
    printf("%s\n", c);
    rc = 0;
out:
    free(c);
    free(b);
    free(a);
    return rc;
}

int main(void)
{
    for (int f = 0; f <= 3; f++)
        printf("fail_at=%d rc=%d\n", f, process("payload", f));
    return 0;
}

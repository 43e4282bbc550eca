// expect: bad-free line 17
/* CWE-590: a helper returns a static buffer; the caller assumes it was malloc'd. */
#include <stdio.h>
#include <stdlib.h>

static char *timestamp(void)
{
    static char buf[20];
    snprintf(buf, sizeof buf, "%04d-%02d-%02d", 2024, 1, 31);
    return buf;
}

int main(void)
{
    char *t = timestamp();
    printf("%s\n", t);
    free(t); /* FLAW */
    return 0;
}

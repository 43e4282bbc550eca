// expect: heap-buffer-overflow line 21
/* CWE-787: sprintf output is longer than the buffer; snprintf in the good path. */
#include <stdio.h>
#include <stdlib.h>

static void label_good(const char *user, int id)
{
    char *buf = malloc(16);
    if (!buf)
        return;
    snprintf(buf, 16, "%s#%d", user, id);
    printf("%s\n", buf);
    free(buf);
}

static void label_bad(const char *user, int id)
{
    char *buf = malloc(16);
    if (!buf)
        return;
    sprintf(buf, "%s#%d", user, id); /* FLAW: 21 bytes into 16 */
    printf("%s\n", buf);
    free(buf);
}

int main(void)
{
    label_good("administrator", 12345);
    label_bad("administrator", 12345);
    return 0;
}

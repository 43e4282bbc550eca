// expect: stack-use-after-return line 17
/* CWE-562: a formatting helper returns its local buffer to a library call. */
#include <stdio.h>
#include <string.h>

static const char *format_id(int id)
{
    char buf[16];
    const char *result = buf;
    snprintf(buf, sizeof buf, "ID-%05d", id);
    return result;
}

int main(void)
{
    const char *s = format_id(42);
    size_t n = strlen(s); /* FLAW */
    printf("%zu\n", n);
    return 0;
}

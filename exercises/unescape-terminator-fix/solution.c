#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Returns a heap copy of s, or NULL if out of memory. */
static char *copy_string(const char *s)
{
    size_t n = strlen(s) + 1;
    char *p = malloc(n);
    if (p != NULL)
        memcpy(p, s, n);
    return p;
}

/* Copies src into dst, removing escaping backslashes: "\x" becomes "x".
   dst has room for strlen(src) + 1 bytes. */
void unescape(char *dst, const char *src)
{
    const char *from = src;
    char *to = dst;

    while (*from != '\0') {
        /* Only skip the backslash when there is a character after it. */
        if (from[0] == '\\' && from[1] != '\0')
            from++;
        *to++ = *from++;
    }
    *to = '\0';
}

int main(void)
{
    char line[128];

    while (fgets(line, sizeof line, stdin) != NULL) {
        line[strcspn(line, "\n")] = '\0';

        char *arg = copy_string(line);
        char *out = malloc(strlen(line) + 1);
        if (arg == NULL || out == NULL) {
            free(arg);
            free(out);
            return 1;
        }
        unescape(out, arg);
        printf("[%s]\n", out);
        free(out);
        free(arg);
    }
    return 0;
}

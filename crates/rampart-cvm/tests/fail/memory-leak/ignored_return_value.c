// expect: memory-leak line 10
/* CWE-401: a function returns ownership and the caller discards it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *upper_copy(const char *s)
{
    size_t n = strlen(s);
    char *out = malloc(n + 1); /* FLAW */
    if (!out)
        return NULL;
    for (size_t i = 0; i <= n; i++)
        out[i] = (s[i] >= 'a' && s[i] <= 'z') ? (char)(s[i] - 32) : s[i];
    return out;
}

int main(void)
{
    char *kept = upper_copy("kept");
    printf("%s\n", kept);
    free(kept);
    upper_copy("discarded");
    return 0;
}

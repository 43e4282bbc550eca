#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Splits s on spaces into a malloc'd array of malloc'd words. */
static char **split(const char *s, int *count)
{
    char **words = NULL;
    int n = 0;
    while (*s) {
        while (*s == ' ')
            s++;
        if (!*s)
            break;
        const char *start = s;
        while (*s && *s != ' ')
            s++;
        size_t len = (size_t)(s - start);
        char **grown = realloc(words, (size_t)(n + 1) * sizeof *grown);
        if (!grown)
            break;
        words = grown;
        words[n] = malloc(len + 1);
        if (!words[n])
            break;
        memcpy(words[n], start, len);
        words[n][len] = '\0';
        n++;
    }
    *count = n;
    return words;
}

int main(void)
{
    int n;
    char **w = split("   split  these words   apart ", &n);
    for (int i = 0; i < n; i++) {
        printf("<%s>", w[i]);
        free(w[i]);
    }
    printf(" %d\n", n);
    free(w);
    return 0;
}

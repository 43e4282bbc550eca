#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_WORDS 16
#define SEP ", "

/* Returns a heap copy of s, or NULL if out of memory. */
static char *copy_string(const char *s)
{
    size_t n = strlen(s) + 1;
    char *p = malloc(n);
    if (p != NULL)
        memcpy(p, s, n);
    return p;
}

/* Joins words[0..n-1] with SEP into a new heap string. n is at least 1. */
char *join_words(char **words, size_t n)
{
    /* Count exactly what the loop below writes: every word, a separator
       between each pair of words, and the terminating NUL. */
    size_t size = 1;
    for (size_t i = 0; i < n; i++) {
        size += strlen(words[i]);
        if (i > 0)
            size += strlen(SEP);
    }

    char *out = malloc(size);
    if (out == NULL)
        return NULL;

    out[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        if (i > 0)
            strcat(out, SEP);
        strcat(out, words[i]);
    }
    return out;
}

int main(void)
{
    char *words[MAX_WORDS];
    size_t n = 0;
    char line[64];

    while (n < MAX_WORDS && fgets(line, sizeof line, stdin) != NULL) {
        line[strcspn(line, "\n")] = '\0';
        words[n] = copy_string(line);
        if (words[n] == NULL)
            break;
        n++;
    }

    if (n == 0) {
        printf("no words\n");
        return 0;
    }

    char *joined = join_words(words, n);
    if (joined != NULL) {
        printf("%s\n", joined);
        printf("%zu bytes\n", strlen(joined));
        free(joined);
    }
    for (size_t i = 0; i < n; i++)
        free(words[i]);
    return 0;
}

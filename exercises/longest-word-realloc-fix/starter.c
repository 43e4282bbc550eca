#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* All words, stored one after another, each with its own NUL. */
struct arena {
    char *data;
    size_t len;
    size_t cap;
};

/* Appends word to the arena, growing it if needed.
   Returns a pointer to the stored copy, or NULL if out of memory. */
char *arena_add(struct arena *a, const char *word)
{
    size_t need = strlen(word) + 1;
    if (a->len + need > a->cap) {
        size_t cap = a->cap ? a->cap : 16;
        while (a->len + need > cap)
            cap *= 2;
        char *grown = realloc(a->data, cap);
        if (grown == NULL)
            return NULL;
        a->data = grown;
        a->cap = cap;
    }
    char *copy = a->data + a->len;
    memcpy(copy, word, need);
    a->len += need;
    return copy;
}

int main(void)
{
    struct arena words = { NULL, 0, 0 };
    const char *longest = NULL;   /* TODO: points into words.data */
    size_t count = 0;
    char line[64];

    while (fgets(line, sizeof line, stdin) != NULL) {
        line[strcspn(line, "\n")] = '\0';
        char *stored = arena_add(&words, line);
        if (stored == NULL)
            break;
        count++;
        if (longest == NULL || strlen(stored) > strlen(longest))
            longest = stored;
    }

    if (longest != NULL)
        printf("%zu words, longest: %s\n", count, longest);
    else
        printf("no words\n");
    free(words.data);
    return 0;
}

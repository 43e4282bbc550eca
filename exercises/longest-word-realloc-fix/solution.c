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
   Returns the offset of the stored copy, or -1 if out of memory. */
long arena_add(struct arena *a, const char *word)
{
    size_t need = strlen(word) + 1;
    if (a->len + need > a->cap) {
        size_t cap = a->cap ? a->cap : 16;
        while (a->len + need > cap)
            cap *= 2;
        char *grown = realloc(a->data, cap);
        if (grown == NULL)
            return -1;
        a->data = grown;
        a->cap = cap;
    }
    size_t off = a->len;
    memcpy(a->data + off, word, need);
    a->len += need;
    return (long)off;
}

int main(void)
{
    struct arena words = { NULL, 0, 0 };
    /* An offset stays valid when realloc moves the block; a pointer does not. */
    long longest = -1;
    size_t count = 0;
    char line[64];

    while (fgets(line, sizeof line, stdin) != NULL) {
        line[strcspn(line, "\n")] = '\0';
        long stored = arena_add(&words, line);
        if (stored < 0)
            break;
        count++;
        if (longest < 0 || strlen(words.data + stored) > strlen(words.data + longest))
            longest = stored;
    }

    if (longest >= 0)
        printf("%zu words, longest: %s\n", count, words.data + longest);
    else
        printf("no words\n");
    free(words.data);
    return 0;
}

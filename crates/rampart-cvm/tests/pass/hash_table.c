#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BUCKETS 7

struct entry {
    char key[16];
    int value;
    struct entry *next;
};

static unsigned hash(const char *s)
{
    unsigned h = 5381;
    for (; *s; s++)
        h = h * 33u + (unsigned char)*s;
    return h % BUCKETS;
}

static int put(struct entry **table, const char *key, int value)
{
    unsigned b = hash(key);
    for (struct entry *e = table[b]; e; e = e->next) {
        if (strcmp(e->key, key) == 0) {
            e->value = value;
            return 0;
        }
    }
    struct entry *e = malloc(sizeof *e);
    if (!e)
        return -1;
    snprintf(e->key, sizeof e->key, "%s", key);
    e->value = value;
    e->next = table[b];
    table[b] = e;
    return 0;
}

static const struct entry *get(struct entry *const *table, const char *key)
{
    for (const struct entry *e = table[hash(key)]; e; e = e->next)
        if (strcmp(e->key, key) == 0)
            return e;
    return NULL;
}

int main(void)
{
    struct entry *table[BUCKETS] = {0};
    const char *words[] = {"apple", "pear", "fig", "plum", "kiwi", "apple", "lime", "fig", "apple"};
    for (size_t i = 0; i < sizeof words / sizeof *words; i++) {
        const struct entry *e = get(table, words[i]);
        put(table, words[i], e ? e->value + 1 : 1);
    }
    const char *probe[] = {"apple", "fig", "plum", "grape"};
    for (int i = 0; i < 4; i++) {
        const struct entry *e = get(table, probe[i]);
        printf("%s: %d\n", probe[i], e ? e->value : 0);
    }
    int total = 0;
    for (int b = 0; b < BUCKETS; b++) {
        struct entry *e = table[b];
        while (e) {
            struct entry *next = e->next;
            total += e->value;
            free(e);
            e = next;
        }
    }
    printf("total %d\n", total);
    return 0;
}

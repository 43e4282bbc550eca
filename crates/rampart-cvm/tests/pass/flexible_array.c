#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct message {
    size_t len;
    char text[];   /* flexible array member */
};

static struct message *make(const char *s)
{
    size_t n = strlen(s);
    struct message *m = malloc(sizeof *m + n + 1);
    if (!m)
        return NULL;
    m->len = n;
    memcpy(m->text, s, n + 1);
    return m;
}

int main(void)
{
    struct message *a = make("flexible");
    struct message *b = make("");
    if (!a || !b) {
        free(a);
        free(b);
        return 1;
    }
    printf("%zu:%s %zu:%s\n", a->len, a->text, b->len, b->text);
    a->text[a->len - 1] = 'E';
    printf("%s\n", a->text);
    free(a);
    free(b);
    return 0;
}

// expect: memory-leak line 15
/* CWE-401: a partially built record leaks when a later field fails to parse. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct record { char *key; int value; };

static int parse_record(const char *line, struct record *out)
{
    const char *eq = strchr(line, '=');
    if (!eq)
        return -1;
    size_t klen = (size_t)(eq - line);
    out->key = malloc(klen + 1); /* FLAW: leaked when the value is not a number */
    if (!out->key)
        return -1;
    memcpy(out->key, line, klen);
    out->key[klen] = '\0';
    if (sscanf(eq + 1, "%d", &out->value) != 1)
        return -1;
    return 0;
}

int main(void)
{
    const char *lines[] = {"port=80", "novalue", "name=abc"};
    for (int i = 0; i < 3; i++) {
        struct record r;
        if (parse_record(lines[i], &r) == 0) {
            printf("%s=%d\n", r.key, r.value);
            free(r.key);
        } else {
            printf("bad line %s\n", lines[i]);
        }
    }
    return 0;
}

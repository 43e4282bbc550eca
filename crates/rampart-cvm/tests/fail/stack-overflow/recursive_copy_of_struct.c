// expect: stack-overflow line 8-13
/* CWE-674: a recursive helper that passes its input through unchanged. */
#include <stdio.h>
#include <string.h>

struct path { char parts[8][16]; int n; };

static size_t path_len(struct path p, int i)
{
    if (i == p.n)
        return 0;
    return 1 + strlen(p.parts[i]) + path_len(p, i); /* FLAW: should be i + 1 */
}

int main(void)
{
    struct path p = {{"usr", "bin"}, 2};
    printf("%zu\n", path_len(p, 0));
    return 0;
}

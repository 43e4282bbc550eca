// expect: heap-buffer-overflow line 28
/* CWE-127: a "not found" result of -1 is used as an index without a check. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int find(const char *const *names, int n, const char *key)
{
    for (int i = 0; i < n; i++)
        if (strcmp(names[i], key) == 0)
            return i;
    return -1;
}

int main(void)
{
    const char *names[] = {"alice", "bob", "carol"};
    int *scores = malloc(3 * sizeof *scores);
    if (!scores)
        return 1;
    scores[0] = 10;
    scores[1] = 20;
    scores[2] = 30;
    int good = find(names, 3, "bob");
    if (good >= 0)
        printf("bob: %d\n", scores[good]);
    int idx = find(names, 3, "mallory");
    printf("mallory: %d\n", scores[idx]); /* FLAW: scores[-1] */
    free(scores);
    return 0;
}

#include <stdio.h>
#include <stdlib.h>

struct counter {
    int hits;
    long bytes;
    struct counter *next;
};

int main(void)
{
    int *hist = calloc(10, sizeof *hist);
    struct counter *c = calloc(1, sizeof *c);
    if (!hist || !c) {
        free(hist);
        free(c);
        return 1;
    }
    const char *data = "3141592653589793";
    for (const char *p = data; *p; p++)
        hist[*p - '0']++;
    for (int d = 0; d < 10; d++)
        printf("%d:%d ", d, hist[d]);
    printf("\n%d %ld %s\n", c->hits, c->bytes, c->next == NULL ? "null" : "set");
    free(hist);
    free(c);
    return 0;
}

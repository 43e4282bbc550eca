#include <stdio.h>
#include <stdlib.h>

int main(void)
{
    int *p = malloc(100 * sizeof *p);
    if (!p)
        return 1;
    for (int i = 0; i < 100; i++)
        p[i] = i;
    int *q = realloc(p, 10 * sizeof *q);
    if (!q) {
        free(p);
        return 1;
    }
    p = q;
    int s = 0;
    for (int i = 0; i < 10; i++)
        s += p[i];
    printf("first ten sum to %d\n", s);
    q = realloc(p, 20 * sizeof *q);
    if (!q) {
        free(p);
        return 1;
    }
    p = q;
    for (int i = 10; i < 20; i++)
        p[i] = -i;
    s = 0;
    for (int i = 0; i < 20; i++)
        s += p[i];
    printf("twenty sum to %d\n", s);
    free(p);
    return 0;
}

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Pointers survive memcpy, struct copies and unions with their targets intact. */
struct ref { const char *label; int *target; };
union slot { int *p; unsigned char bytes[sizeof(int *)]; };

int main(void)
{
    int x = 10, y = 20;
    struct ref a[2] = {{"x", &x}, {"y", &y}};
    struct ref b[2];
    memcpy(b, a, sizeof a);
    *b[1].target += 5;
    printf("%s=%d %s=%d\n", b[0].label, *b[0].target, b[1].label, y);
    int **table = malloc(2 * sizeof *table);
    if (!table)
        return 1;
    memcpy(table, (int *[]){&x, &y}, 2 * sizeof *table);
    **table = 11;
    printf("%d\n", x);
    free(table);
    union slot s, t;
    s.p = &y;
    memcpy(t.bytes, s.bytes, sizeof t.bytes);  /* byte-wise copy of a pointer */
    printf("%d\n", *t.p);
    struct ref c = a[0];
    c.label = "copy";
    printf("%s %s %d\n", a[0].label, c.label, *c.target);
    return 0;
}

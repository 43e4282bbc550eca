#include <stdio.h>

/* Returning pointers that are still valid: into the caller's array, to a static, to a literal. */
static int *max_element(int *v, int n)
{
    int *best = v;
    for (int *p = v + 1; p < v + n; p++)
        if (*p > *best)
            best = p;
    return best;
}

static int *counter(void)
{
    static int c;
    c++;
    return &c;
}

static const char *level_name(int l)
{
    return l > 1 ? "high" : "low";
}

int main(void)
{
    int v[] = {3, 9, 2, 9, 1};
    int *m = max_element(v, 5);
    *m = 0;
    printf("%td %d %d\n", m - v, v[1], *max_element(v, 5));
    counter();
    int *c = counter();
    printf("%d\n", *c);
    printf("%s %s\n", level_name(2), level_name(0));
    return 0;
}

#include <stdio.h>
#include <string.h>

static void swap(const char **a, const char **b)
{
    const char *t = *a;
    *a = *b;
    *b = t;
}

static void quicksort(const char **v, int lo, int hi)
{
    if (lo >= hi)
        return;
    const char *pivot = v[hi];
    int i = lo;
    for (int j = lo; j < hi; j++)
        if (strcmp(v[j], pivot) < 0)
            swap(&v[i++], &v[j]);
    swap(&v[i], &v[hi]);
    quicksort(v, lo, i - 1);
    quicksort(v, i + 1, hi);
}

int main(void)
{
    const char *names[] = {"mallory", "alice", "eve", "bob", "trent", "carol", "dave", "alice"};
    int n = (int)(sizeof names / sizeof names[0]);
    quicksort(names, 0, n - 1);
    for (int i = 0; i < n; i++)
        puts(names[i]);
    return 0;
}

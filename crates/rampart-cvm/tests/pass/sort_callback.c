#include <stdio.h>

typedef int (*cmp_fn)(const int *, const int *);

static int ascending(const int *a, const int *b) { return (*a > *b) - (*a < *b); }
static int descending(const int *a, const int *b) { return ascending(b, a); }
static int by_last_digit(const int *a, const int *b)
{
    int da = *a % 10, db = *b % 10;
    return (da > db) - (da < db);
}

static void insertion_sort(int *v, int n, cmp_fn cmp)
{
    for (int i = 1; i < n; i++) {
        int key = v[i];
        int j = i - 1;
        while (j >= 0 && cmp(&v[j], &key) > 0) {
            v[j + 1] = v[j];
            j--;
        }
        v[j + 1] = key;
    }
}

static void print(const char *label, const int *v, int n)
{
    printf("%-10s", label);
    for (int i = 0; i < n; i++)
        printf(" %d", v[i]);
    printf("\n");
}

int main(void)
{
    int v[] = {42, 7, 19, 73, 0, 55, 19, 8, 100, 31};
    int n = (int)(sizeof v / sizeof v[0]);
    insertion_sort(v, n, ascending);
    print("asc", v, n);
    insertion_sort(v, n, descending);
    print("desc", v, n);
    insertion_sort(v, n, by_last_digit);
    print("digit", v, n);
    return 0;
}

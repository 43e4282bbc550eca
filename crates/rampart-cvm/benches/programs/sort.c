/* Sorting: quicksort with an insertion-sort cutoff over 20,000 pseudo-random ints. */
#include <stdio.h>
#include <stdlib.h>

static unsigned int seed = 12345u;
static unsigned int next_rand(void) {
    seed = seed * 1103515245u + 12345u;
    return (seed >> 8) & 0xFFFFFu;
}

static void insertion(int *a, int lo, int hi) {
    for (int i = lo + 1; i <= hi; i++) {
        int v = a[i];
        int j = i - 1;
        while (j >= lo && a[j] > v) {
            a[j + 1] = a[j];
            j--;
        }
        a[j + 1] = v;
    }
}

static void quicksort(int *a, int lo, int hi) {
    while (hi - lo > 16) {
        int pivot = a[lo + (hi - lo) / 2];
        int i = lo, j = hi;
        while (i <= j) {
            while (a[i] < pivot) i++;
            while (a[j] > pivot) j--;
            if (i <= j) {
                int t = a[i]; a[i] = a[j]; a[j] = t;
                i++; j--;
            }
        }
        if (j - lo < hi - i) { quicksort(a, lo, j); lo = i; }
        else { quicksort(a, i, hi); hi = j; }
    }
    insertion(a, lo, hi);
}

int main(void) {
    int n = 20000;
    int *a = malloc(sizeof(int) * (size_t)n);
    if (a == NULL) return 1;
    for (int i = 0; i < n; i++) a[i] = (int)next_rand();
    quicksort(a, 0, n - 1);
    long check = 0;
    for (int i = 1; i < n; i++) {
        if (a[i - 1] > a[i]) { printf("not sorted at %d\n", i); free(a); return 1; }
        check += a[i] % 1000;
    }
    printf("sorted %d values, checksum %ld\n", n, check);
    free(a);
    return 0;
}

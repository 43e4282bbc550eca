#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void merge_sort(int *a, int *tmp, size_t n)
{
    if (n < 2)
        return;
    size_t mid = n / 2;
    merge_sort(a, tmp, mid);
    merge_sort(a + mid, tmp, n - mid);
    size_t i = 0, j = mid, k = 0;
    while (i < mid && j < n)
        tmp[k++] = a[i] <= a[j] ? a[i++] : a[j++];
    while (i < mid)
        tmp[k++] = a[i++];
    while (j < n)
        tmp[k++] = a[j++];
    memcpy(a, tmp, n * sizeof *a);
}

int main(void)
{
    size_t n = 37;
    int *a = malloc(n * sizeof *a);
    int *tmp = malloc(n * sizeof *tmp);
    if (!a || !tmp) {
        free(a);
        free(tmp);
        return 1;
    }
    unsigned seed = 12345;
    for (size_t i = 0; i < n; i++) {
        seed = seed * 1103515245u + 12345u;
        a[i] = (int)((seed >> 16) % 1000);
    }
    merge_sort(a, tmp, n);
    int sorted = 1;
    for (size_t i = 1; i < n; i++)
        if (a[i - 1] > a[i])
            sorted = 0;
    printf("sorted=%d min=%d max=%d median=%d\n", sorted, a[0], a[n - 1], a[n / 2]);
    free(a);
    free(tmp);
    return 0;
}

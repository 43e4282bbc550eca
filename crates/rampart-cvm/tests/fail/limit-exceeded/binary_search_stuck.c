// expect: limit-exceeded line 0
/* CWE-835: lo = mid instead of lo = mid + 1 stops making progress. */
#include <stdio.h>

static int lower_bound(const int *a, int n, int key)
{
    int lo = 0, hi = n;
    while (lo < hi) {
        int mid = lo + (hi - lo) / 2;
        if (a[mid] < key)
            lo = mid; /* should be mid + 1 */
        else
            hi = mid;
    }
    return lo;
}

int main(void)
{
    int a[] = {1, 3, 5, 7, 9};
    printf("%d\n", lower_bound(a, 5, 1));
    printf("%d\n", lower_bound(a, 5, 6));
    return 0;
}

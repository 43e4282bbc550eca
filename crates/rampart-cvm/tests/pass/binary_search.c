#include <stdio.h>

static int find(const int *a, int n, int key)
{
    int lo = 0, hi = n - 1;
    while (lo <= hi) {
        int mid = lo + (hi - lo) / 2;   /* never overflows, unlike (lo + hi) / 2 */
        if (a[mid] == key)
            return mid;
        if (a[mid] < key)
            lo = mid + 1;
        else
            hi = mid - 1;
    }
    return -1;
}

int main(void)
{
    int a[] = {-9, -3, 0, 4, 8, 15, 16, 23, 42};
    int n = sizeof a / sizeof a[0];
    int keys[] = {-9, 42, 16, 5, -100, 100};
    for (int i = 0; i < 6; i++)
        printf("%d at %d\n", keys[i], find(a, n, keys[i]));
    printf("empty: %d\n", find(a, 0, 4));
    return 0;
}

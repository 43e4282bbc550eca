#include <stdio.h>

static void bubble(int *a, int n)
{
    for (int pass = 0; pass < n - 1; pass++) {
        int swapped = 0;
        for (int i = 0; i < n - 1 - pass; i++) {
            if (a[i] > a[i + 1]) {
                int t = a[i];
                a[i] = a[i + 1];
                a[i + 1] = t;
                swapped = 1;
            }
        }
        if (!swapped)
            break;
    }
}

int main(void)
{
    int a[] = {5, -1, 3, 3, 9, -20, 0, 14};
    int n = sizeof a / sizeof *a;
    bubble(a, n);
    for (int i = 0; i < n; i++)
        printf("%d%c", a[i], i + 1 < n ? ' ' : '\n');
    int one[1] = {7};
    bubble(one, 1);
    printf("%d\n", one[0]);
    return 0;
}

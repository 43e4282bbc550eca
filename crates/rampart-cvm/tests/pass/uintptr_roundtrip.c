#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int main(void)
{
    int arr[4] = {1, 2, 3, 4};
    uintptr_t u = (uintptr_t)&arr[1];
    int *back = (int *)u;
    printf("%d %d\n", back == &arr[1], *back);
    printf("%d\n", u % _Alignof(int) == 0);
    uintptr_t step = (uintptr_t)&arr[3] - (uintptr_t)&arr[1];
    printf("%zu\n", (size_t)step);
    double *d = malloc(4 * sizeof *d);
    if (!d)
        return 1;
    printf("%d\n", (uintptr_t)d % _Alignof(double) == 0);
    void *v = d;
    double *again = v;
    again[0] = 1.5;
    printf("%.1f\n", d[0]);
    free(v);
    return 0;
}

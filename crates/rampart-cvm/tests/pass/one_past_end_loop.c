#include <stdio.h>

#define N 8

int main(void)
{
    int a[N];
    int *end = a + N; /* one past the end: may be formed and compared, never dereferenced */
    int v = 1;
    for (int *p = a; p != end; ++p) {
        *p = v;
        v *= 3;
    }
    long sum = 0;
    for (const int *p = a; p < end; p++)
        sum += *p;
    printf("sum=%ld\n", sum);
    printf("elements=%d\n", (int)(end - a));
    /* walk backwards without forming a pointer before the start */
    for (int *p = end; p != a;) {
        --p;
        printf("%d ", *p);
    }
    printf("\n");
    return 0;
}

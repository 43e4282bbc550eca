// expect: division-by-zero line 10
/* CWE-369: the average of an empty list divides by its length. */
#include <stdio.h>

static int average(const int *v, int n)
{
    int sum = 0;
    for (int i = 0; i < n; i++)
        sum += v[i];
    return sum / n; /* FLAW: n == 0 */
}

int main(void)
{
    int grades[] = {70, 80, 90};
    printf("%d\n", average(grades, 3));
    printf("%d\n", average(grades, 0));
    return 0;
}

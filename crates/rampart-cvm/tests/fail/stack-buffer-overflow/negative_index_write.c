// expect: stack-buffer-overflow line 10
/* CWE-124: a histogram indexed by a value that can be negative. */
#include <stdio.h>

int main(void)
{
    int values[] = {3, 1, 4, 1, 5, -1, 2};
    int hist[6] = {0};
    for (int i = 0; i < 7; i++)
        hist[values[i]]++; /* FLAW: values[5] == -1 */
    for (int i = 0; i < 6; i++)
        printf("%d: %d\n", i, hist[i]);
    return 0;
}

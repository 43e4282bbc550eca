// expect: use-of-uninitialized-value line 14
/* CWE-457: only part of the array is filled, the whole array is summed and printed. */
#include <stdio.h>

int main(void)
{
    int readings[6];
    int filled = 4;
    for (int i = 0; i < filled; i++)
        readings[i] = i * 5;
    int sum = 0;
    for (int i = 0; i < 6; i++)
        sum += readings[i];
    printf("sum %d\n", sum); /* FLAW: sum depends on readings[4] and [5] */
    return 0;
}

// expect: use-of-uninitialized-value line 13
/* CWE-457: an uninitialised variable is used as an array index. */
#include <stdio.h>

int main(void)
{
    int table[4] = {10, 20, 30, 40};
    int idx;
    int want = 99;
    for (int i = 0; i < 4; i++)
        if (table[i] == want)
            idx = i;
    printf("%d\n", table[idx]); /* FLAW: want is not in the table */
    return 0;
}

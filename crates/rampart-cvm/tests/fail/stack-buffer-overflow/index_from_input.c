// expect: stack-buffer-overflow line 14
/* CWE-129: only the upper bound of the index read from input is checked. */
#include <stdio.h>

int main(void)
{
    int stock[8] = {5, 0, 12, 7, 3, 9, 1, 4};
    int i;
    while (scanf("%d", &i) == 1) {
        if (i >= 8) {
            puts("no such item");
            continue;
        }
        printf("item %d: %d\n", i, stock[i]); /* FLAW: i == -3 reads before the array */
    }
    return 0;
}

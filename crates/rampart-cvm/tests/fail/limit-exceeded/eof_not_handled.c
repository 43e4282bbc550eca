// expect: limit-exceeded line 0
/* CWE-835: waiting for a 'q' that never comes; EOF is not handled. */
#include <stdio.h>

int main(void)
{
    int c;
    int count = 0;
    while ((c = getchar()) != 'q')
        count = (count + 1) % 1000;
    printf("%d\n", count);
    return 0;
}

// expect: format-string line 10
/* CWE-686: %d is given a double. */
#include <stdio.h>

int main(void)
{
    double ratio = 0.75;
    int percent = (int)(ratio * 100);
    printf("%d%%\n", percent);
    printf("%d%%\n", ratio * 100); /* FLAW */
    return 0;
}

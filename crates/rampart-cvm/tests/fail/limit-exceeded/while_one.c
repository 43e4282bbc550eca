// expect: limit-exceeded line 0
/* CWE-835: an empty infinite loop; only the fuel limit stops it. */
#include <stdio.h>

int main(void)
{
    puts("spinning");
    while (1)
        ;
    return 0;
}

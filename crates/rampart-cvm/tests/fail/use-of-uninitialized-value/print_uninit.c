// expect: use-of-uninitialized-value line 11
/* CWE-457: an uninitialised local is printed. */
#include <stdio.h>

int main(void)
{
    int count;
    int limit = 3;
    for (int i = 0; i < limit; i++)
        ;
    printf("count = %d\n", count); /* FLAW */
    return 0;
}

// expect: division-by-zero line 10
/* CWE-369: x % 0 is undefined just like x / 0. */
#include <stdio.h>

int main(void)
{
    int page_sizes[] = {4, 3, 0};
    int offset = 10;
    for (int i = 0; i < 3; i++)
        printf("%d\n", offset % page_sizes[i]); /* FLAW */
    return 0;
}

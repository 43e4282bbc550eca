// expect: division-by-zero line 10
/* CWE-369: unsigned division by zero is undefined too. */
#include <stdio.h>

int main(void)
{
    unsigned width = 640, columns = 0;
    unsigned cell = 16;
    printf("%u\n", width / cell);
    printf("%u\n", width / columns); /* FLAW */
    return 0;
}

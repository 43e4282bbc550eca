// expect: bad-free line 10
/* CWE-590: growing a stack buffer with realloc. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(void)
{
    char small[8] = "abc";
    char *grown = realloc(small, 64); /* FLAW */
    if (grown) {
        strcat(grown, "def");
        printf("%s\n", grown);
        free(grown);
    }
    return 0;
}

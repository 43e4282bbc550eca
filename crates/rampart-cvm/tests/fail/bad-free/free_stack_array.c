// expect: bad-free line 12
/* CWE-590: freeing memory that was not allocated on the heap. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(void)
{
    char name[16];
    strcpy(name, "stack");
    printf("%s\n", name);
    free(name); /* FLAW */
    return 0;
}

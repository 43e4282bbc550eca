#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(void)
{
    char *p = realloc(NULL, 6); /* same as malloc(6) */
    if (!p)
        return 1;
    strcpy(p, "fresh");
    printf("%s\n", p);
    free(p);
    p = NULL;
    free(p); /* free(NULL) does nothing */
    free(NULL);
    puts("done");
    return 0;
}

// expect: heap-use-after-free line 18
/* CWE-416: a second pointer to the same block outlives the free. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct doc { char *title; };

int main(void)
{
    char *title = malloc(16);
    if (!title)
        return 1;
    strcpy(title, "draft");
    struct doc d = {title};
    free(title);
    title = NULL; /* the owner is careful, the alias is not */
    printf("%s\n", d.title); /* FLAW */
    return 0;
}

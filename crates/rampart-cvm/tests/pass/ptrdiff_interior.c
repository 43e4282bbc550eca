#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(void)
{
    char *base = malloc(32);
    if (!base)
        return 1;
    strcpy(base, "header:payload:trailer");
    char *first = strchr(base, ':');
    char *second = first ? strchr(first + 1, ':') : NULL;
    if (!first || !second) {
        free(base);
        return 1;
    }
    ptrdiff_t d = second - first;
    printf("%td %td\n", first - base, d);
    printf("%.*s\n", (int)(d - 1), first + 1);
    char *p = base + 7;        /* interior pointer */
    *p = '\0';
    printf("%s\n", base);
    free(base);                /* free through the original pointer */
    int a[10];
    int *x = &a[2], *y = &a[9];
    printf("%td %d\n", y - x, x < y);
    return 0;
}

// expect: heap-buffer-overflow line 16
/* CWE-170: the copy loop never writes a terminator, then strlen reads past the block. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(void)
{
    const char *src = "token";
    size_t n = strlen(src);
    char *copy = malloc(n);
    if (!copy)
        return 1;
    for (size_t i = 0; i < n; i++)
        copy[i] = src[i];
    size_t len = strlen(copy); /* FLAW: no terminator inside the block */
    printf("%zu\n", len);
    free(copy);
    return 0;
}

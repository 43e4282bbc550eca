#include <stdio.h>
#include <string.h>

int main(void)
{
    const char *s = "drawkcab";
    /* i-- > 0 tests before decrementing, so i never wraps below zero in the body */
    for (size_t i = strlen(s); i-- > 0;)
        putchar(s[i]);
    putchar('\n');
    unsigned n = 5;
    while (n--)
        printf("%u ", n);
    printf("\nafter loop n=%u\n", n);  /* n wrapped to UINT_MAX: defined */
    return 0;
}

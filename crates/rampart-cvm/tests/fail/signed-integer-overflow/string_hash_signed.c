// expect: signed-integer-overflow line 9
/* CWE-190: a string hash kept in a signed int overflows on longer strings (use unsigned). */
#include <stdio.h>

static int hash(const char *s)
{
    int h = 0;
    for (; *s; s++)
        h = 31 * h + *s; /* FLAW */
    return h;
}

int main(void)
{
    printf("%d\n", hash("abc"));
    printf("%d\n", hash("a considerably longer key"));
    return 0;
}

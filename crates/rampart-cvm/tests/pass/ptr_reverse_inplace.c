#include <stdio.h>
#include <string.h>

static void reverse(char *s)
{
    size_t n = strlen(s);
    if (n == 0)
        return;
    char *lo = s, *hi = s + n - 1;
    while (lo < hi) {
        char t = *lo;
        *lo++ = *hi;
        *hi-- = t;
    }
}

int main(void)
{
    char a[] = "stressed";
    char b[] = "x";
    char c[] = "";
    char d[] = "ab";
    reverse(a);
    reverse(b);
    reverse(c);
    reverse(d);
    printf("%s|%s|%s|%s\n", a, b, c, d);
    return 0;
}

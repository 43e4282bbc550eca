#include <stdio.h>
#include <string.h>

/* Casting away const is fine when the object itself is not const. */
static char *find_mut(const char *s, char c)
{
    return (char *)strchr(s, c);
}

int main(void)
{
    char buf[] = "hello world";
    char *w = find_mut(buf, 'w');
    if (w)
        *w = 'W';
    const char *view = buf;
    char *again = (char *)view;
    again[0] = 'H';
    printf("%s\n", buf);
    const int limit = 3;
    int copy = limit;
    copy++;
    printf("%d %d\n", limit, copy);
    return 0;
}

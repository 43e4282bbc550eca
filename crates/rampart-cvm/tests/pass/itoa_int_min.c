#include <limits.h>
#include <stdio.h>

/* Converting INT_MIN by negating it would overflow; go through unsigned. */
static char *to_string(int v, char *buf, size_t size)
{
    char *p = buf + size;   /* one past the end, never dereferenced */
    *--p = '\0';
    unsigned u = v < 0 ? 0u - (unsigned)v : (unsigned)v;
    do {
        *--p = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (v < 0)
        *--p = '-';
    return p;
}

int main(void)
{
    char buf[12];  /* "-2147483648" is 11 characters plus terminator */
    int vals[] = {0, 7, -7, 1000, INT_MAX, INT_MIN};
    for (int i = 0; i < 6; i++)
        printf("%s\n", to_string(vals[i], buf, sizeof buf));
    return 0;
}

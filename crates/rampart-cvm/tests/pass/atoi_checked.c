#include <limits.h>
#include <stdio.h>

/* Parses a decimal int; returns 0 on success, -1 on junk or overflow. */
static int parse_int(const char *s, int *out)
{
    int neg = 0;
    if (*s == '-' || *s == '+')
        neg = *s++ == '-';
    if (*s < '0' || *s > '9')
        return -1;
    int v = 0;
    for (; *s >= '0' && *s <= '9'; s++) {
        int d = *s - '0';
        if (!neg && v > (INT_MAX - d) / 10)
            return -1;
        if (neg && v < (INT_MIN + d) / 10)
            return -1;
        v = neg ? v * 10 - d : v * 10 + d;
    }
    if (*s)
        return -1;
    *out = v;
    return 0;
}

int main(void)
{
    const char *in[] = {"0", "42", "-17", "+8", "2147483647", "2147483648",
                        "-2147483648", "-2147483649", "12a", "", "-"};
    for (int i = 0; i < 11; i++) {
        int v;
        if (parse_int(in[i], &v) == 0)
            printf("%-12s -> %d\n", in[i], v);
        else
            printf("%-12s -> error\n", in[i]);
    }
    return 0;
}

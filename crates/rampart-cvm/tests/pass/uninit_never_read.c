#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct result {
    int ok;
    int value;   /* only meaningful when ok is set */
};

static struct result parse_digit(char c)
{
    struct result r;
    r.ok = c >= '0' && c <= '9';
    if (r.ok)
        r.value = c - '0';
    return r;    /* copying a struct with an indeterminate member is fine */
}

int main(void)
{
    int arr[10];
    for (int i = 0; i < 5; i++)
        arr[i] = i * i;
    int s = 0;
    for (int i = 0; i < 5; i++)   /* only the initialised half is read */
        s += arr[i];
    printf("%d\n", s);

    int x;
    if (s > 10)
        x = 1;
    else
        x = 2;
    printf("%d\n", x);

    const char *in = "4a7";
    for (const char *p = in; *p; p++) {
        struct result r = parse_digit(*p);
        if (r.ok)
            printf("digit %d\n", r.value);
        else
            printf("not a digit\n");
    }

    char *buf = malloc(16);
    char copy[16];
    if (!buf)
        return 1;
    memcpy(buf, "abcde", 5);
    memcpy(copy, buf, 16);       /* copies 11 uninitialised bytes too */
    printf("%.5s\n", copy);      /* but only the first five are read */
    free(buf);
    return 0;
}

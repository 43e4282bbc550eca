#include <stdio.h>
#include <string.h>

int main(void)
{
    char buf[8];
    int n = snprintf(buf, sizeof buf, "%s-%d", "truncate", 12345);
    printf("wanted %d, got \"%s\" (%zu)\n", n, buf, strlen(buf));
    if (n >= (int)sizeof buf)
        puts("output was truncated");

    n = snprintf(buf, sizeof buf, "%d", 42);
    printf("wanted %d, got \"%s\"\n", n, buf);

    n = snprintf(NULL, 0, "%05d|%x", 7, 255);
    printf("size query %d\n", n);

    char exact[6];
    n = snprintf(exact, sizeof exact, "abcde");
    printf("%d \"%s\"\n", n, exact);
    n = snprintf(exact, 1, "abc");
    printf("%d \"%s\"\n", n, exact);
    return 0;
}

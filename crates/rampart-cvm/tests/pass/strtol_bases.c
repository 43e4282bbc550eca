#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>

int main(void)
{
    const char *inputs[] = {"  42", "-17xyz", "0x1F", "0755", "101", "zz", "+8"};
    int bases[] = {10, 10, 0, 0, 2, 36, 10};
    for (int i = 0; i < 7; i++) {
        char *end;
        long v = strtol(inputs[i], &end, bases[i]);
        printf("%-8s base %2d -> %ld (rest \"%s\")\n", inputs[i], bases[i], v, end);
    }
    errno = 0;
    long big = strtol("99999999999999999999", NULL, 10);
    printf("%d %d\n", big == LONG_MAX, errno == ERANGE);
    unsigned long u = strtoul("ff", NULL, 16);
    printf("%lu %d %d\n", u, atoi("  -12abc"), atoi("abc"));
    return 0;
}

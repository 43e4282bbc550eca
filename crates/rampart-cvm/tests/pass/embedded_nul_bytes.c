#include <stdio.h>
#include <string.h>

int main(void)
{
    const char data[] = {'a', '\0', 'b', '\0', 'c'};
    printf("%zu %zu\n", sizeof data, strlen(data));
    const char *p = memchr(data, 'c', sizeof data);
    printf("%td\n", p ? p - data : -1);
    char copy[sizeof data];
    memcpy(copy, data, sizeof data);
    int zeros = 0;
    for (size_t i = 0; i < sizeof copy; i++)
        zeros += copy[i] == '\0';
    printf("%d %d\n", zeros, memcmp(copy, data, sizeof data));
    fwrite(copy, 1, sizeof copy, stdout);
    putchar('\n');
    return 0;
}

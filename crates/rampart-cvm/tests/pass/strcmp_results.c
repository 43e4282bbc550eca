#include <stdio.h>
#include <string.h>

static int sign(int v) { return (v > 0) - (v < 0); }

int main(void)
{
    printf("%d %d %d\n", sign(strcmp("abc", "abd")), sign(strcmp("b", "a")), sign(strcmp("same", "same")));
    printf("%d %d\n", sign(strcmp("", "a")), sign(strcmp("abc", "ab")));
    printf("%d %d\n", sign(strncmp("prefix-one", "prefix-two", 7)), sign(strncmp("abc", "abd", 3)));
    char a[] = {'x', 'y', '\0', 'z'};
    char b[] = {'x', 'y', '\0', 'w'};
    printf("%d\n", strcmp(a, b) == 0);
    return 0;
}

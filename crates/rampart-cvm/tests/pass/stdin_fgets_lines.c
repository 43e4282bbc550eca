#include <stdio.h>
#include <string.h>

int main(void)
{
    char line[64];
    int n = 0;
    size_t longest = 0;
    while (fgets(line, sizeof line, stdin) != NULL) {
        size_t len = strlen(line);
        if (len > 0 && line[len - 1] == '\n')
            line[--len] = '\0';
        n++;
        if (len > longest)
            longest = len;
        printf("%2d: [%s] (%zu)\n", n, line, len);
    }
    printf("%d lines, longest %zu\n", n, longest);
    return 0;
}

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(void)
{
    char **lines = NULL;
    size_t n = 0, cap = 0;
    char buf[128];
    while (fgets(buf, sizeof buf, stdin)) {
        buf[strcspn(buf, "\n")] = '\0';
        if (n == cap) {
            size_t ncap = cap ? 2 * cap : 2;
            char **tmp = realloc(lines, ncap * sizeof *tmp);
            if (!tmp)
                break;
            lines = tmp;
            cap = ncap;
        }
        size_t len = strlen(buf);
        lines[n] = malloc(len + 1);
        if (!lines[n])
            break;
        memcpy(lines[n], buf, len + 1);
        n++;
    }
    while (n > 0) {
        n--;
        puts(lines[n]);
        free(lines[n]);
    }
    free(lines);
    return 0;
}

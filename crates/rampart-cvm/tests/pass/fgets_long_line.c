#include <stdio.h>
#include <string.h>

/* Reads lines longer than the buffer in pieces and reassembles their lengths. */
int main(void)
{
    char chunk[8];
    size_t line_len = 0;
    int line = 1;
    while (fgets(chunk, sizeof chunk, stdin)) {
        size_t n = strlen(chunk);
        int complete = n > 0 && chunk[n - 1] == '\n';
        line_len += complete ? n - 1 : n;
        if (complete) {
            printf("line %d: %zu chars\n", line++, line_len);
            line_len = 0;
        }
    }
    if (line_len)
        printf("line %d: %zu chars (no newline)\n", line, line_len);
    return 0;
}

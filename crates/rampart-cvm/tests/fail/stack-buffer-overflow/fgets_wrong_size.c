// expect: stack-buffer-overflow line 9
/* CWE-121: fgets is passed a size larger than the buffer. */
#include <stdio.h>
#include <string.h>

int main(void)
{
    char line[16];
    while (fgets(line, 64, stdin)) { /* FLAW: on the long second line */
        line[strcspn(line, "\n")] = '\0';
        printf("[%s]\n", line);
    }
    return 0;
}

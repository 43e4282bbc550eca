// expect: format-string line 12
/* CWE-134: a line read from input is used as the format string. */
#include <stdio.h>
#include <string.h>

int main(void)
{
    char line[64];
    while (fgets(line, sizeof line, stdin)) {
        line[strcspn(line, "\n")] = '\0';
        printf("%s\n", line); /* good: the input is an argument */
        printf(line); /* FLAW: "%x %x %x" reads arguments that were never passed */
        printf("\n");
    }
    return 0;
}

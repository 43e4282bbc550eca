#include <ctype.h>
#include <stdio.h>

int main(void)
{
    int c;                 /* int, not char, so EOF is distinguishable */
    int at_start = 1;
    while ((c = getchar()) != EOF) {
        if (at_start && isalpha(c))
            c = toupper(c);
        at_start = c == ' ' || c == '\n';
        putchar(c);
    }
    return 0;
}

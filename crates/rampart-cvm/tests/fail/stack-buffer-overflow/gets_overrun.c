// expect: stack-buffer-overflow line 10
/* CWE-242/CWE-121: gets cannot know the size of the buffer (removed in C11). */
#include <stdio.h>

char *gets(char *s);

int main(void)
{
    char line[16];
    if (gets(line)) /* FLAW: the input line is longer than 15 characters */
        printf("got %s\n", line);
    return 0;
}

// expect: heap-buffer-overflow line 15
/* CWE-122: the buffer is sized for the first word only. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(void)
{
    const char *first = "hello";
    const char *second = ", world";
    char *msg = malloc(strlen(first) + 1);
    if (!msg)
        return 1;
    strcpy(msg, first);
    strcat(msg, second); /* FLAW: no room for the second part */
    puts(msg);
    free(msg);
    return 0;
}

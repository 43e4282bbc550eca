// expect: stack-buffer-overflow line 14
/* CWE-121: strncpy bounded by the source length instead of the destination size. */
#include <stdio.h>
#include <string.h>

int main(void)
{
    const char *input = "a-rather-long-identifier";
    char id[10];
    strncpy(id, input, sizeof id - 1);
    id[sizeof id - 1] = '\0';
    printf("%s\n", id);
    char tag[10];
    strncpy(tag, input, strlen(input) + 1); /* FLAW: 25 bytes into 10 */
    printf("%s\n", tag);
    return 0;
}

// expect: heap-buffer-overflow line 13
/* CWE-467/CWE-131: an array of pointers sized with sizeof(int) (4 bytes, not 8). */
#include <stdio.h>
#include <stdlib.h>

int main(void)
{
    const char *src[4] = {"north", "east", "south", "west"};
    const char **names = malloc(4 * sizeof(int));
    if (!names)
        return 1;
    for (int i = 0; i < 4; i++)
        names[i] = src[i]; /* FLAW: names[2] is past the 16-byte block */
    printf("%s\n", names[0]);
    free(names);
    return 0;
}

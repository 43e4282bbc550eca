// expect: heap-use-after-free line 19
/* CWE-416: a token array is freed before its last use. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(void)
{
    char *words[3];
    const char *src[3] = {"red", "green", "blue"};
    for (int i = 0; i < 3; i++) {
        words[i] = malloc(strlen(src[i]) + 1);
        if (!words[i])
            return 1;
        strcpy(words[i], src[i]);
    }
    for (int i = 0; i < 3; i++)
        free(words[i]);
    printf("last colour: %s\n", words[2]); /* FLAW */
    return 0;
}

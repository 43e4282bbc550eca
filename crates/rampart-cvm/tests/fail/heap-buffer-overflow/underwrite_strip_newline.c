// expect: heap-buffer-overflow line 17
/* CWE-124: stripping the last character of an empty string writes before the buffer. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void chomp_good(char *s)
{
    int len = (int)strlen(s);
    if (len > 0 && s[len - 1] == '\n')
        s[len - 1] = '\0';
}

static void chomp_bad(char *s)
{
    int len = (int)strlen(s);
    s[len - 1] = '\0'; /* FLAW: len == 0 writes s[-1] */
}

int main(void)
{
    char *a = malloc(8);
    char *b = malloc(8);
    if (!a || !b)
        return 1;
    strcpy(a, "line\n");
    chomp_good(a);
    printf("[%s]\n", a);
    b[0] = '\0';
    chomp_bad(b);
    printf("[%s]\n", b);
    free(a);
    free(b);
    return 0;
}

// expect: stack-buffer-overflow line 12
/* CWE-193: five letters need six bytes with the terminator. */
#include <stdio.h>
#include <string.h>

int main(void)
{
    char ok[6];
    strcpy(ok, "hello");
    printf("%s\n", ok);
    char word[5];
    strcpy(word, "hello"); /* FLAW: the terminator lands in word[5] */
    printf("%s\n", word);
    return 0;
}

#include <ctype.h>
#include <stdio.h>

static void rot(char *s, int k)
{
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (isupper(c))
            *s = (char)('A' + (c - 'A' + k) % 26);
        else if (islower(c))
            *s = (char)('a' + (c - 'a' + k) % 26);
    }
}

int main(void)
{
    char msg[] = "Attack at Dawn, 0600!";
    rot(msg, 13);
    printf("%s\n", msg);
    rot(msg, 13);
    printf("%s\n", msg);
    int digits = 0, spaces = 0, punct = 0;
    for (const char *p = msg; *p; p++) {
        unsigned char c = (unsigned char)*p;
        digits += isdigit(c) != 0;
        spaces += isspace(c) != 0;
        punct += ispunct(c) != 0;
    }
    printf("%d %d %d\n", digits, spaces, punct);
    for (const char *p = "MiXeD"; *p; p++)
        putchar(tolower((unsigned char)*p));
    putchar('\n');
    return 0;
}

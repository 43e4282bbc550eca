#include <stdio.h>

/* Counts code points: bytes of the form 10xxxxxx continue a sequence. */
static int utf8_len(const char *s)
{
    int n = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if ((*p & 0xC0u) != 0x80u)
            n++;
    return n;
}

int main(void)
{
    const char *words[] = {"plain", "caf\xc3\xa9", "\xe2\x82\xac" "5", "\xf0\x9f\x98\x80!", ""};
    for (int i = 0; i < 5; i++) {
        int bytes = 0;
        while (words[i][bytes])
            bytes++;
        printf("%d bytes, %d code points\n", bytes, utf8_len(words[i]));
    }
    return 0;
}

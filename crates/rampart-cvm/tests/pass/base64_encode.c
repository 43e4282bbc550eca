#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

static char *b64(const unsigned char *in, size_t n)
{
    size_t outlen = 4 * ((n + 2) / 3);
    char *out = malloc(outlen + 1);
    if (!out)
        return NULL;
    size_t o = 0;
    for (size_t i = 0; i < n; i += 3) {
        unsigned v = (unsigned)in[i] << 16;
        if (i + 1 < n)
            v |= (unsigned)in[i + 1] << 8;
        if (i + 2 < n)
            v |= in[i + 2];
        out[o++] = alphabet[(v >> 18) & 63];
        out[o++] = alphabet[(v >> 12) & 63];
        out[o++] = i + 1 < n ? alphabet[(v >> 6) & 63] : '=';
        out[o++] = i + 2 < n ? alphabet[v & 63] : '=';
    }
    out[o] = '\0';
    return out;
}

int main(void)
{
    const char *tests[] = {"", "f", "fo", "foo", "foobar", "Rampart!"};
    for (int i = 0; i < 6; i++) {
        char *e = b64((const unsigned char *)tests[i], strlen(tests[i]));
        if (!e)
            return 1;
        printf("\"%s\" -> \"%s\"\n", tests[i], e);
        free(e);
    }
    unsigned char bin[] = {0x00, 0xFF, 0x80, 0x7F};
    char *e = b64(bin, sizeof bin);
    if (!e)
        return 1;
    printf("%s\n", e);
    free(e);
    return 0;
}

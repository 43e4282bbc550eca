// expect: global-buffer-overflow line 11
/* CWE-787: a static local buffer is a global in disguise. */
#include <stdio.h>

static const char *to_hex(const unsigned char *data, int n)
{
    static char out[9];
    const char *digits = "0123456789abcdef";
    for (int i = 0; i < n; i++) {
        out[2 * i] = digits[data[i] >> 4];
        out[2 * i + 1] = digits[data[i] & 15]; /* FLAW: n == 5 writes out[9] */
    }
    out[2 * n] = '\0';
    return out;
}

int main(void)
{
    unsigned char key[5] = {0xde, 0xad, 0xbe, 0xef, 0x01};
    printf("%s\n", to_hex(key, 4));
    printf("%s\n", to_hex(key, 5));
    return 0;
}

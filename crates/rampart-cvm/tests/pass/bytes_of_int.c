#include <stdio.h>
#include <string.h>

/* Any object may be inspected through unsigned char: defined behaviour. */
int main(void)
{
    unsigned int v = 0x01020304u;
    const unsigned char *b = (const unsigned char *)&v;
    for (size_t i = 0; i < sizeof v; i++)
        printf("%u ", b[i]);
    printf("\n");
    int n = -2;
    unsigned char raw[sizeof n];
    memcpy(raw, &n, sizeof n);
    printf("%02x %02x %02x %02x\n", raw[0], raw[1], raw[2], raw[3]);
    int back;
    memcpy(&back, raw, sizeof back);
    printf("%d\n", back);
    short s = 0x1234;
    unsigned char *sb = (unsigned char *)&s;
    sb[0] = 0x78;
    printf("%x\n", (unsigned)s);
    return 0;
}

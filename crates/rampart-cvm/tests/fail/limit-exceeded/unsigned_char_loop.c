// expect: limit-exceeded line 0
/* CWE-835: an unsigned char counter is always below 256. */
#include <stdio.h>

int main(void)
{
    unsigned table[256];
    for (unsigned char i = 0; i < 256; i++)
        table[i] = i * 2u;
    printf("%u\n", table[255]);
    return 0;
}

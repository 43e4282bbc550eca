#include <stdio.h>
#include <string.h>

static unsigned checksum(void)
{
    unsigned char block[65536];
    memset(block, 0, sizeof block);
    for (size_t i = 0; i < sizeof block; i += 4096)
        block[i] = (unsigned char)(i >> 12);
    unsigned s = 0;
    for (size_t i = 0; i < sizeof block; i += 512)
        s += block[i];
    block[sizeof block - 1] = 1;
    return s + block[sizeof block - 1];
}

int main(void)
{
    printf("%u\n", checksum());
    return 0;
}

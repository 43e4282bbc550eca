#include <stdint.h>
#include <stdio.h>
#include <string.h>

static uint32_t crc32(const unsigned char *p, size_t n)
{
    uint32_t crc = 0xFFFFFFFFu;
    while (n--) {
        crc ^= *p++;
        for (int k = 0; k < 8; k++)
            crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
    }
    return ~crc;
}

int main(void)
{
    const char *s = "123456789";
    printf("%08x\n", (unsigned)crc32((const unsigned char *)s, strlen(s)));
    printf("%08x\n", (unsigned)crc32((const unsigned char *)"", 0));
    const char *q = "The quick brown fox jumps over the lazy dog";
    printf("%08x\n", (unsigned)crc32((const unsigned char *)q, strlen(q)));
    return 0;
}

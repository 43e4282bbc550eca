#include <stdio.h>
#include <stdint.h>

/* Reading a union member other than the last one written is allowed in C11;
   the bytes are reinterpreted (little-endian here). */
union word {
    uint32_t u;
    uint8_t b[4];
};

int main(void)
{
    union word w;
    w.u = 0x11223344u;
    printf("%02x %02x %02x %02x\n", w.b[0], w.b[1], w.b[2], w.b[3]);
    w.b[3] = 0xAA;
    printf("%08x\n", (unsigned)w.u);
    return 0;
}

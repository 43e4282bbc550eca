#include <stdint.h>
#include <stdio.h>
#include <string.h>

union fbits { float f; uint32_t u; };

int main(void)
{
    union fbits x;
    x.f = 1.0f;
    printf("%08x\n", (unsigned)x.u);
    x.f = -2.5f;
    printf("%08x\n", (unsigned)x.u);
    x.u = 0x40490fdbu;
    printf("%.5f\n", x.f);
    double d = 0.1;
    uint64_t bits;
    memcpy(&bits, &d, sizeof bits);
    printf("%016llx\n", (unsigned long long)bits);
    return 0;
}

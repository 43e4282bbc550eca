// expect: stack-buffer-overflow line 17
/* CWE-805: the copy length is the size of the source, not of the destination. */
#include <stdio.h>
#include <string.h>

struct header { char magic[4]; unsigned version; };

int main(void)
{
    unsigned char packet[32];
    for (size_t i = 0; i < sizeof packet; i++)
        packet[i] = (unsigned char)i;
    struct header h;
    memcpy(&h, packet, sizeof h);
    printf("version %u\n", h.version);
    unsigned char copy[16];
    memcpy(copy, packet, sizeof packet); /* FLAW: 32 bytes into 16 */
    printf("%u\n", copy[15]);
    return 0;
}

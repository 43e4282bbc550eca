// expect: global-buffer-overflow line 14
/* CWE-805: copying a whole request into a smaller global staging area. */
#include <stdio.h>
#include <string.h>

static unsigned char staging[32];

int main(void)
{
    unsigned char request[48];
    memset(request, 0x41, sizeof request);
    memcpy(staging, request, sizeof staging);
    printf("%u\n", staging[31]);
    memcpy(staging, request, sizeof request); /* FLAW: 48 bytes into 32 */
    printf("%u\n", staging[0]);
    return 0;
}

#include <stdio.h>
#include <string.h>

struct packet {
    unsigned char kind;
    unsigned short len;
    unsigned char payload[9];
};

static struct packet make(unsigned char kind, const char *text)
{
    struct packet p;
    memset(&p, 0, sizeof p);
    p.kind = kind;
    p.len = (unsigned short)strlen(text);
    if (p.len > sizeof p.payload)
        p.len = sizeof p.payload;
    memcpy(p.payload, text, p.len);
    return p;
}

int main(void)
{
    struct packet q[3];
    q[0] = make(1, "ping");
    q[1] = make(2, "too long for payload");
    q[2] = q[0];
    q[2].payload[0] = 'P';
    for (int i = 0; i < 3; i++)
        printf("%u %u %.*s\n", q[i].kind, q[i].len, (int)q[i].len, (const char *)q[i].payload);
    printf("%d\n", memcmp(&q[0], &q[2], sizeof q[0]) != 0);
    return 0;
}

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define NAME_LEN 32

struct peer {
    char name[NAME_LEN];
    char banner[80];
};

/* HELLO message: [name_len: 2 bytes, big-endian][name: name_len bytes] */
int peer_hello(struct peer *p, const uint8_t *msg, size_t msg_len)
{
    char tmp[NAME_LEN];

    if (msg_len < 2)
        return -1;
    size_t name_len = ((size_t)msg[0] << 8) | msg[1];
    if (name_len > msg_len - 2)
        return -1;

    memcpy(tmp, msg + 2, name_len);
    tmp[name_len] = '\0';

    strncpy(p->name, tmp, sizeof(p->name) - 1);
    p->name[sizeof(p->name) - 1] = '\0';

    sprintf(p->banner, "Welcome back, %s!", p->name);
    return 0;
}

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * A heartbeat echo, one record per line:
 *
 *     TYPE LENGTH PAYLOAD
 *
 * TYPE 1 is a request. LENGTH is the number of payload bytes the peer says
 * it sent; anything after those bytes is padding and is ignored.
 * A request is answered with "echo: " and the first LENGTH payload bytes.
 */

#define RECORD_BUF 512          /* the connection's read buffer, reused for every record */
#define TYPE_REQUEST 1

/* Reads a decimal number of at most `max` at *pp and moves *pp past it. */
static int read_number(const char **pp, unsigned long max, unsigned long *out)
{
    const char *p = *pp;
    unsigned long v = 0;

    if (!isdigit((unsigned char)*p))
        return -1;
    while (isdigit((unsigned char)*p)) {
        v = v * 10 + (unsigned long)(*p - '0');
        if (v > max)
            return -1;
        p++;
    }
    *pp = p;
    *out = v;
    return 0;
}

static void handle_record(const char *rec)
{
    const char *p = rec;
    unsigned long type, length;

    if (read_number(&p, 255, &type) != 0 || *p != ' ') {
        puts("malformed");
        return;
    }
    p++;
    if (read_number(&p, 65535, &length) != 0 || *p != ' ') {
        puts("malformed");
        return;
    }
    p++;

    const char *payload = p;
    size_t received = strcspn(payload, "\n");   /* payload bytes that actually arrived */

    if (type != TYPE_REQUEST) {
        puts("ignored");
        return;
    }

    /* TODO: check the claimed length before it is used. */

    char *reply = malloc(length + 1);
    if (reply == NULL) {
        puts("out of memory");
        return;
    }
    memcpy(reply, payload, length);
    fputs("echo: ", stdout);
    fwrite(reply, 1, length, stdout);
    putchar('\n');
    free(reply);
}

int main(void)
{
    char *buf = malloc(RECORD_BUF);
    if (buf == NULL)
        return 1;

    while (fgets(buf, RECORD_BUF, stdin) != NULL)
        handle_record(buf);

    free(buf);
    return 0;
}

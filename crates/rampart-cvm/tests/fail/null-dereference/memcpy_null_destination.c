// expect: null-dereference line 12
/* CWE-476: a destination pointer that was never set is passed to memcpy. */
#include <stdio.h>
#include <string.h>

struct frame { unsigned char *payload; size_t len; };

int main(void)
{
    unsigned char data[4] = {1, 2, 3, 4};
    struct frame f = {NULL, 0};
    memcpy(f.payload, data, sizeof data); /* FLAW */
    f.len = sizeof data;
    printf("%zu\n", f.len);
    return 0;
}

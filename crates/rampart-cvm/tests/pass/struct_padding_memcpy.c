#include <stdio.h>
#include <string.h>

/* Padding bytes after c and d are never initialised; copying them with
   memcpy or struct assignment is fine as long as nobody reads them. */
struct rec {
    char c;
    int i;
    char d;
    long l;
};

int main(void)
{
    struct rec a;
    a.c = 'x';
    a.i = 42;
    a.d = 'y';
    a.l = 123456789L;

    struct rec b;
    memcpy(&b, &a, sizeof a);
    struct rec c = b;
    struct rec arr[3];
    for (int k = 0; k < 3; k++)
        arr[k] = c;
    unsigned char raw[sizeof(struct rec)];
    memcpy(raw, &arr[2], sizeof raw);
    struct rec d;
    memcpy(&d, raw, sizeof d);
    printf("%c %d %c %ld\n", d.c, d.i, d.d, d.l);
    printf("size %zu\n", sizeof(struct rec));
    return 0;
}

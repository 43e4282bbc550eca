#include <stdio.h>

struct flags {
    unsigned readable : 1;
    unsigned writable : 1;
    unsigned exec : 1;
    unsigned level : 4;
    unsigned reserved : 25;
};

int main(void)
{
    struct flags f = {0};
    f.readable = 1;
    f.level = 9;
    printf("%u %u %u %u\n", f.readable, f.writable, f.exec, f.level);
    f.level = f.level + 8;   /* 17 truncated to 4 bits: 1 */
    printf("%u\n", f.level);
    unsigned three = 3;
    f.writable = three;      /* only the low bit is kept */
    printf("%u\n", f.writable);
    struct flags g = f;
    g.exec = !g.exec;
    printf("%u %u\n", g.exec, g.level);
    return 0;
}

#include <stdio.h>

/* Converting an out-of-range value to a signed type is implementation-defined,
   not undefined: gcc (and rampart-cvm, as a warning) wrap modulo 2^N. */
int main(void)
{
    signed char c = 127;
    c++;                       /* int 128 converted back to signed char */
    printf("%d\n", c);
    short s = 32767;
    s += 1;
    printf("%d\n", s);
    short t = -32768;
    t--;
    printf("%d\n", t);
    char byte = (char)0xE9;
    printf("%d %u\n", byte, (unsigned char)byte);
    int i = (int)3000000000u;
    printf("%d\n", i);
    return 0;
}

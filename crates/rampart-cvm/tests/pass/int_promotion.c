#include <stdio.h>

int main(void)
{
    unsigned char a = 200, b = 100;
    int sum = a + b;                       /* both promoted to int: 300 */
    unsigned char wrapped = (unsigned char)(a + b);
    printf("%d %d\n", sum, wrapped);

    short s = 30000, t = 30000;
    int prod = s * t;                      /* int multiplication: 900000000 fits */
    printf("%d\n", prod);

    char c = 'A';
    int next = c + 1;
    printf("%c %d\n", next, next);

    unsigned char x = 0x0F;
    int inv = ~x;                          /* ~ on the promoted int: -16 */
    printf("%d %u\n", inv, (unsigned char)~x);

    unsigned short us = 65535;
    int plus = us + 1;                     /* 65536: promotion to int, no wrap */
    printf("%d\n", plus);

    signed char sc = -5;
    unsigned int ui = 3;
    /* usual arithmetic conversions: -5 converted to unsigned */
    printf("%d\n", sc < (int)ui);
    printf("%u\n", sc + ui);
    printf("%d\n", (sc + (int)ui));
    return 0;
}

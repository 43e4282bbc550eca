#include <stdio.h>

int main(void)
{
    const char *num = "90210";
    int v = 0;
    for (const char *p = num; *p; p++)
        v = v * 10 + (*p - '0');
    printf("%d\n", v + 1);
    char hex[9];
    unsigned x = 0xDEADBEEFu;
    const char digits[] = "0123456789abcdef";
    for (int i = 7; i >= 0; i--) {
        hex[i] = digits[x & 0xF];
        x >>= 4;
    }
    hex[8] = '\0';
    printf("%s\n", hex);
    for (char c = 'a'; c <= 'e'; c++)
        printf("%c%c", c, c - 'a' + 'A');
    printf("\n");
    return 0;
}

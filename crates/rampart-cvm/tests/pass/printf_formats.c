#include <stdio.h>

int main(void)
{
    printf("[%5d] [%-5d] [%05d] [%+d] [% d]\n", 42, 42, 42, 42, 42);
    printf("[%x] [%X] [%#x] [%o] [%#o]\n", 255, 255, 255, 8, 8);
    printf("[%c] [%%] [%s] [%.3s] [%8s] [%-8s]\n", 'q', "str", "truncate", "right", "left");
    printf("[%ld] [%lu] [%lld] [%llx]\n", -5L, 5UL, -9000000000LL, 0xABCDEF0123ULL);
    printf("[%zu] [%hd] [%hhu]\n", sizeof(int), (short)-3, (unsigned char)200);
    printf("[%*d] [%-*d] [%.*s]\n", 6, 7, 4, 8, 2, "abcdef");
    printf("[%u] [%d]\n", 4000000000u, -2147483647 - 1);
    printf("[%5.2s] [%.0d]\n", "xyz", 0);
    return 0;
}

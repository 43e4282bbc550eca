#include <stdio.h>

int main(void)
{
    puts("hello, world");
    printf("%s has %d letters\n", "rampart", 7);
    putchar('!');
    putchar('\n');
    return 0;
}

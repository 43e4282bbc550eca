#include <stdio.h>

int main(void)
{
    for (int i = 0; i < 2000; i++)
        printf("line %04d: %s\n", i, i % 3 ? "the quick brown fox" : "jumps over the lazy dog");
    return 0;
}

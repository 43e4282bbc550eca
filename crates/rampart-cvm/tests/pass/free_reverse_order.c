#include <stdio.h>
#include <stdlib.h>

int main(void)
{
    void *blocks[8];
    size_t total = 0;
    for (int i = 0; i < 8; i++) {
        size_t size = (size_t)(i + 1) * 16;
        blocks[i] = malloc(size);
        if (!blocks[i]) {
            while (i-- > 0)
                free(blocks[i]);
            return 1;
        }
        total += size;
        ((unsigned char *)blocks[i])[size - 1] = (unsigned char)i; /* last byte */
    }
    int check = 0;
    for (int i = 0; i < 8; i++)
        check += ((unsigned char *)blocks[i])[(size_t)(i + 1) * 16 - 1];
    for (int i = 7; i >= 0; i -= 2)
        free(blocks[i]);
    for (int i = 0; i < 8; i += 2)
        free(blocks[i]);
    printf("%zu %d\n", total, check);
    return 0;
}

#include <stdio.h>

int main(void)
{
    int count = 0;
    unsigned sum = 0;
    /* covers all 256 values without an infinite loop: the exit test is inside */
    for (unsigned char c = 0;; c++) {
        count++;
        sum += c;
        if (c == 255)
            break;
    }
    printf("%d %u\n", count, sum);
    unsigned char w = 255;
    w++;
    printf("%d\n", w);
    return 0;
}

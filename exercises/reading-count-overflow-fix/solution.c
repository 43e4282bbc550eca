#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define MAX_READINGS 1000

/* Input: a count, then that many sensor readings (whole numbers).
   Prints the readings newest first, then their sum. */
int main(void)
{
    int count;
    if (scanf("%d", &count) != 1) {
        printf("error: bad count\n");
        return 1;
    }

    /* Check the count before it reaches any arithmetic: with at most
       MAX_READINGS elements the size cannot wrap or be truncated. */
    if (count < 1 || count > MAX_READINGS) {
        printf("error: bad count\n");
        return 1;
    }
    size_t bytes = (size_t)count * sizeof(int32_t);
    int32_t *readings = malloc(bytes);
    if (readings == NULL) {
        printf("error: out of memory\n");
        return 1;
    }

    int got = 0;
    while (got < count && scanf("%d", &readings[got]) == 1)
        got++;
    if (got < count) {
        printf("error: expected %d readings, got %d\n", count, got);
        free(readings);
        return 1;
    }

    long long sum = 0;
    for (int i = count - 1; i >= 0; i--) {
        printf("%d\n", readings[i]);
        sum += readings[i];
    }
    printf("sum %lld\n", sum);
    free(readings);
    return 0;
}

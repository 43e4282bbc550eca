#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(void)
{
    int n = 100;
    char *composite = malloc((size_t)n + 1);
    if (!composite)
        return 1;
    memset(composite, 0, (size_t)n + 1);
    for (int i = 2; i * i <= n; i++)
        if (!composite[i])
            for (int j = i * i; j <= n; j += i)
                composite[j] = 1;
    int count = 0;
    for (int i = 2; i <= n; i++) {
        if (!composite[i]) {
            printf("%d ", i);
            count++;
        }
    }
    printf("\n%d primes\n", count);
    free(composite);
    return 0;
}

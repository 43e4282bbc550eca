#include <stdio.h>
#include <string.h>

int main(void)
{
    char exact[6] = "hello";      /* five letters and the terminator: full */
    char nonul[5] = "hello";      /* valid C: no room for the terminator, so none is stored */
    char buf[8];
    strcpy(buf, "1234567");       /* seven characters plus terminator: fills buf */
    printf("%s %zu\n", exact, strlen(exact));
    printf("%.5s\n", nonul);
    for (size_t i = 0; i < sizeof nonul; i++)
        putchar(nonul[i]);
    putchar('\n');
    printf("%s %zu %d\n", buf, strlen(buf), buf[7] == '\0');
    fwrite(nonul, 1, sizeof nonul, stdout);
    putchar('\n');
    return 0;
}

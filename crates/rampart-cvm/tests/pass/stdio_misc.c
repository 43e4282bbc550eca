#include <ctype.h>
#include <stdio.h>

int main(void)
{
    int n = printf("count me\n");
    printf("%d\n", n);
    int c = getchar();
    if (c != EOF) {
        ungetc(c, stdin);
        int again = fgetc(stdin);
        printf("%c %d\n", again, again == c);
    }
    int digits = 0;
    while ((c = getc(stdin)) != EOF && c != '\n')
        digits += isdigit(c) != 0;
    printf("digits %d\n", digits);
    printf("%d %d\n", isalpha(EOF), putchar('*'));
    fputc('\n', stdout);
    puts("");
    putc('!', stdout);
    putchar('\n');
    return 0;
}

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(void)
{
    long stack[16];
    int sp = 0;
    char tok[32];
    while (scanf("%31s", tok) == 1) {
        if (strlen(tok) == 1 && strchr("+-*/", tok[0])) {
            if (sp < 2) {
                puts("stack underflow");
                return 0;
            }
            long b = stack[--sp], a = stack[--sp];
            long r = 0;
            switch (tok[0]) {
            case '+': r = a + b; break;
            case '-': r = a - b; break;
            case '*': r = a * b; break;
            case '/':
                if (b == 0) {
                    puts("division by zero refused");
                    r = 0;
                } else {
                    r = a / b;
                }
                break;
            }
            stack[sp++] = r;
        } else if (tok[0] == '=') {
            if (sp > 0)
                printf("= %ld\n", stack[sp - 1]);
        } else {
            if (sp == 16) {
                puts("stack full");
                return 0;
            }
            stack[sp++] = strtol(tok, NULL, 10);
        }
    }
    printf("depth %d\n", sp);
    return 0;
}

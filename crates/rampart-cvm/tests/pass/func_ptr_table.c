#include <stdio.h>

typedef int (*binop)(int, int);

static int add(int a, int b) { return a + b; }
static int sub(int a, int b) { return a - b; }
static int mul(int a, int b) { return a * b; }
static int maxi(int a, int b) { return a > b ? a : b; }

struct op {
    char sym;
    binop fn;
};

static const struct op ops[] = {
    {'+', add}, {'-', sub}, {'*', mul}, {'M', maxi},
};

static binop lookup(char sym)
{
    for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++)
        if (ops[i].sym == sym)
            return ops[i].fn;
    return NULL;
}

int main(void)
{
    const char *prog = "+-*M/";
    for (const char *p = prog; *p; p++) {
        binop f = lookup(*p);
        if (f)
            printf("7 %c 5 = %d\n", *p, f(7, 5));
        else
            printf("unknown op %c\n", *p);
    }
    int (*direct)(int, int) = &mul;
    printf("%d\n", (*direct)(6, 7));
    return 0;
}

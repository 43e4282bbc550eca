#include <ctype.h>
#include <stdio.h>

/* Recursive-descent evaluator for + - * / and parentheses. */
static const char *cur;
static int failed;

static long expr(void);

static void skip(void)
{
    while (*cur == ' ')
        cur++;
}

static long primary(void)
{
    skip();
    if (*cur == '(') {
        cur++;
        long v = expr();
        skip();
        if (*cur == ')')
            cur++;
        else
            failed = 1;
        return v;
    }
    if (*cur == '-') {
        cur++;
        return -primary();
    }
    if (!isdigit((unsigned char)*cur)) {
        failed = 1;
        return 0;
    }
    long v = 0;
    while (isdigit((unsigned char)*cur))
        v = v * 10 + (*cur++ - '0');
    return v;
}

static long term(void)
{
    long v = primary();
    for (;;) {
        skip();
        char op = *cur;
        if (op != '*' && op != '/')
            return v;
        cur++;
        long r = primary();
        if (op == '*')
            v *= r;
        else if (r == 0)
            failed = 1;
        else
            v /= r;
    }
}

static long expr(void)
{
    long v = term();
    for (;;) {
        skip();
        char op = *cur;
        if (op != '+' && op != '-')
            return v;
        cur++;
        long r = term();
        v = op == '+' ? v + r : v - r;
    }
}

int main(void)
{
    const char *tests[] = {"1 + 2 * 3", "(1 + 2) * 3", "-(4 - 10) / 3", "2 * (3 + (4 - 1)) * 2", "7 / 0", "(1 + 2"};
    for (int i = 0; i < 6; i++) {
        cur = tests[i];
        failed = 0;
        long v = expr();
        if (failed)
            printf("%-24s error\n", tests[i]);
        else
            printf("%-24s %ld\n", tests[i], v);
    }
    return 0;
}

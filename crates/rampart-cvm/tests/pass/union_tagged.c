#include <stdio.h>
#include <string.h>

enum kind { K_INT, K_STR, K_PAIR };

struct value {
    enum kind kind;
    union {
        int i;
        char s[12];
        struct { short a, b; } pair;
    } as;
};

static void show(const struct value *v)
{
    switch (v->kind) {
    case K_INT:
        printf("int %d\n", v->as.i);
        break;
    case K_STR:
        printf("str \"%s\"\n", v->as.s);
        break;
    case K_PAIR:
        printf("pair (%d, %d)\n", v->as.pair.a, v->as.pair.b);
        break;
    }
}

int main(void)
{
    struct value vs[3];
    vs[0].kind = K_INT;
    vs[0].as.i = -17;
    vs[1].kind = K_STR;
    strcpy(vs[1].as.s, "eleven char");
    vs[2].kind = K_PAIR;
    vs[2].as.pair.a = 300;
    vs[2].as.pair.b = -300;
    for (int i = 0; i < 3; i++)
        show(&vs[i]);
    struct value copy = vs[2]; /* copies the unused union bytes too */
    show(&copy);
    return 0;
}

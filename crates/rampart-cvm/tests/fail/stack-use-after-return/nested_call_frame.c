// expect: stack-use-after-return line 19
/* CWE-562: an inner helper returns a pointer to a local of its own frame. */
#include <stdio.h>

struct pair { int a, b; };

static struct pair *make_pair(int a, int b)
{
    struct pair p;
    struct pair *out = &p;
    p.a = a;
    p.b = b;
    return out;
}

static int sum_pair(int a, int b)
{
    struct pair *p = make_pair(a, b);
    return p->a + p->b; /* FLAW */
}

int main(void)
{
    printf("%d\n", sum_pair(3, 4));
    return 0;
}

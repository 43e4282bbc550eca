// expect: stack-overflow line 0
/* CWE-674: a visitor re-enters the walker through a function pointer. */
#include <stdio.h>

typedef int (*visit_fn)(int);

static visit_fn current;

static int walk(int depth)
{
    return current(depth + 1);
}

static int visitor(int depth)
{
    if (depth > 1000000) /* meant to stop early, but the limit is far too high */
        return depth;
    return walk(depth); /* FLAW */
}

int main(void)
{
    current = visitor;
    printf("%d\n", walk(0));
    return 0;
}

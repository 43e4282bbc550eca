// expect: stack-use-after-return line 19
/* CWE-562: a list node allocated on the stack is linked into a longer-lived list. */
#include <stdio.h>

struct node { int v; struct node *next; };
static struct node *head;

static void add(int v)
{
    struct node n = {v, head};
    head = &n; /* should have been malloc'd */
}

int main(void)
{
    add(1);
    add(2);
    for (struct node *n = head; n; n = n->next)
        printf("%d\n", n->v); /* FLAW */
    return 0;
}

// expect: null-dereference line 9
/* CWE-476: reading the second element of a one-element list. */
#include <stdio.h>

struct node { int v; struct node *next; };

static int second(const struct node *head)
{
    return head->next->v; /* FLAW */
}

int main(void)
{
    struct node c = {3, NULL};
    struct node b = {2, &c};
    struct node a = {1, &b};
    printf("%d\n", second(&a));
    printf("%d\n", second(&c));
    return 0;
}

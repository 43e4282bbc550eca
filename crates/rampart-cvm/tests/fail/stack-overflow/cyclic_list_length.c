// expect: stack-overflow line 7-10
/* CWE-674/CWE-835: recursive length of a list that accidentally became a cycle. */
#include <stdio.h>

struct node { int v; struct node *next; };

static int length(const struct node *n)
{
    return n ? 1 + length(n->next) : 0; /* FLAW */
}

int main(void)
{
    struct node c = {3, NULL};
    struct node b = {2, &c};
    struct node a = {1, &b};
    printf("%d\n", length(&a));
    c.next = &a; /* bug: the tail now points back at the head */
    printf("%d\n", length(&a));
    return 0;
}

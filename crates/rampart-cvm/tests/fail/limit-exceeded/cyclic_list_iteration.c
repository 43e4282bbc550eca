// expect: limit-exceeded line 0
/* CWE-835: iterating a list whose tail points back to the head. */
#include <stdio.h>

struct node { int v; struct node *next; };

int main(void)
{
    struct node a, b, c;
    a.v = 1; a.next = &b;
    b.v = 2; b.next = &c;
    c.v = 3; c.next = &a; /* the list is a cycle */
    int sum = 0;
    for (struct node *n = &a; n; n = n->next)
        sum = (sum + n->v) % 1000;
    printf("%d\n", sum);
    return 0;
}

// expect: memory-leak line 11
/* CWE-401: "clearing" a list by resetting its head pointer. */
#include <stdio.h>
#include <stdlib.h>

struct node { int v; struct node *next; };
static struct node *head;

static void push(int v)
{
    struct node *n = malloc(sizeof *n); /* FLAW */
    if (!n)
        exit(1);
    n->v = v;
    n->next = head;
    head = n;
}

int main(void)
{
    push(1);
    push(2);
    printf("%d\n", head->v);
    head = NULL; /* the nodes are now unreachable */
    puts("cleared");
    return 0;
}

// expect: heap-use-after-free line 26
/* CWE-416: removing matching nodes from a doubly linked list and then advancing from the removed node. */
#include <stdio.h>
#include <stdlib.h>

struct node { int v; struct node *prev, *next; };

static struct node *push(struct node *head, int v)
{
    struct node *n = malloc(sizeof *n);
    if (!n)
        exit(1);
    n->v = v;
    n->prev = NULL;
    n->next = head;
    if (head)
        head->prev = n;
    return n;
}

int main(void)
{
    struct node *head = NULL;
    for (int i = 5; i >= 1; i--)
        head = push(head, i);
    for (struct node *n = head; n; n = n->next) { /* FLAW: n->next after free(n) */
        if (n->v % 2 == 0) {
            if (n->prev)
                n->prev->next = n->next;
            if (n->next)
                n->next->prev = n->prev;
            free(n);
        }
    }
    while (head) {
        struct node *next = head->next;
        free(head);
        head = next;
    }
    return 0;
}

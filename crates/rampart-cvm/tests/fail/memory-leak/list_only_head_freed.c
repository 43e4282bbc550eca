// expect: memory-leak line 12
/* CWE-401: only the head of a linked list is released. */
#include <stdio.h>
#include <stdlib.h>

struct node { int v; struct node *next; };

int main(void)
{
    struct node *head = NULL;
    for (int i = 0; i < 3; i++) {
        struct node *n = malloc(sizeof *n); /* FLAW: the two older nodes leak */
        if (!n)
            return 1;
        n->v = i;
        n->next = head;
        head = n;
    }
    printf("head %d\n", head->v);
    free(head);
    return 0;
}

// expect: double-free line 24
/* CWE-415: copied nodes share a payload and each node frees it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct node { char *payload; struct node *next; };

int main(void)
{
    struct node *a = malloc(sizeof *a);
    struct node *b = malloc(sizeof *b);
    if (!a || !b)
        return 1;
    a->payload = malloc(8);
    if (!a->payload)
        return 1;
    strcpy(a->payload, "data");
    *b = *a; /* copies the pointer, not the string */
    a->next = b;
    b->next = NULL;
    for (struct node *n = a; n;) {
        struct node *next = n->next;
        free(n->payload); /* FLAW: the second node frees the same payload */
        free(n);
        n = next;
    }
    return 0;
}

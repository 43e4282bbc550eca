// expect: heap-use-after-free line 33
/* CWE-416: freeing a list node and then reading its next field. */
#include <stdio.h>
#include <stdlib.h>

struct node { int v; struct node *next; };

static struct node *build(int n)
{
    struct node *head = NULL;
    for (int i = 0; i < n; i++) {
        struct node *x = malloc(sizeof *x);
        if (!x)
            break;
        x->v = i;
        x->next = head;
        head = x;
    }
    return head;
}

static void destroy_good(struct node *n)
{
    while (n) {
        struct node *next = n->next;
        free(n);
        n = next;
    }
}

static void destroy_bad(struct node *n)
{
    for (; n; n = n->next) /* FLAW: n->next is read after free(n) */
        free(n);
}

int main(void)
{
    destroy_good(build(3));
    destroy_bad(build(3));
    puts("done");
    return 0;
}

#include <stdio.h>

struct node { int v; struct node *next; };

static int arr[5] = {10, 20, 30, 40, 50};
static int *mid = &arr[2];                     /* address constant with an offset */
static const char *tail = "literal" + 3;
static struct node loop = {7, &loop};          /* points to itself */
static struct node chain[3] = {{1, &chain[1]}, {2, &chain[2]}, {3, NULL}};
static int (*const first_fn)(const char *, ...) = printf;

int main(void)
{
    printf("%d %d\n", *mid, mid[-2]);
    printf("%s\n", tail);
    printf("%d %d\n", loop.next->next->v, loop.next == &loop);
    int sum = 0;
    for (const struct node *n = chain; n; n = n->next)
        sum += n->v;
    first_fn("%d\n", sum);
    return 0;
}

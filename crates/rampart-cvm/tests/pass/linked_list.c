#include <stdio.h>
#include <stdlib.h>

struct node {
    int value;
    struct node *next;
};

static struct node *push_front(struct node *head, int v)
{
    struct node *n = malloc(sizeof *n);
    if (!n)
        return head;
    n->value = v;
    n->next = head;
    return n;
}

static struct node *reverse(struct node *head)
{
    struct node *prev = NULL;
    while (head) {
        struct node *next = head->next;
        head->next = prev;
        prev = head;
        head = next;
    }
    return prev;
}

static struct node *remove_value(struct node *head, int v)
{
    struct node **pp = &head;
    while (*pp) {
        if ((*pp)->value == v) {
            struct node *dead = *pp;
            *pp = dead->next;
            free(dead);
        } else {
            pp = &(*pp)->next;
        }
    }
    return head;
}

static void print(const struct node *n)
{
    for (; n; n = n->next)
        printf("%d%s", n->value, n->next ? " -> " : "\n");
}

static void free_list(struct node *n)
{
    while (n) {
        struct node *next = n->next; /* read next before freeing */
        free(n);
        n = next;
    }
}

int main(void)
{
    struct node *head = NULL;
    for (int i = 1; i <= 6; i++)
        head = push_front(head, i % 3);
    print(head);
    head = reverse(head);
    print(head);
    head = remove_value(head, 0);
    print(head);
    free_list(head);
    return 0;
}

#include <stdlib.h>
#include <string.h>

struct node {
    char name[32];
    struct node *next;
};

/* Removes every node whose name matches, and returns the new head. */
struct node *remove_all(struct node *head, const char *name)
{
    struct node **link = &head;
    while (*link != NULL) {
        struct node *n = *link;
        if (strcmp(n->name, name) == 0) {
            free(n);
            *link = n->next;
        } else {
            link = &n->next;
        }
    }
    return head;
}

/* Returns the name of the first node, or "" for an empty list. */
const char *first_name(const struct node *head)
{
    char empty[1] = "";
    if (head == NULL)
        return empty;
    return head->name;
}

/* Unlinks the first node and gives it to the caller, who frees it. */
struct node *pop(struct node **head)
{
    struct node *n = *head;
    if (n != NULL)
        *head = n->next;
    return n;
}

void free_list(struct node *head)
{
    while (head != NULL) {
        struct node *next = head->next;
        free(head);
        head = next;
    }
}

#include <stdio.h>
#include <stdlib.h>

struct cell { int value; struct cell *next; };

int main(void)
{
    struct cell *head = NULL;
    for (int i = 0; i < 1000; i++) {
        struct cell *c = malloc(sizeof *c);
        if (!c)
            break;
        c->value = i;
        c->next = head;
        head = c;
    }
    long sum = 0;
    int n = 0;
    for (struct cell *c = head; c; c = c->next) {
        sum += c->value;
        n++;
    }
    while (head) {
        struct cell *next = head->next;
        free(head);
        head = next;
    }
    printf("%d %ld\n", n, sum);
    return 0;
}

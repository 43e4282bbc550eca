#include <stdio.h>
#include <stdlib.h>

struct qnode { int v; struct qnode *next; };
struct queue { struct qnode *head, *tail; int size; };

static int enqueue(struct queue *q, int v)
{
    struct qnode *n = malloc(sizeof *n);
    if (!n)
        return -1;
    n->v = v;
    n->next = NULL;
    if (q->tail)
        q->tail->next = n;
    else
        q->head = n;
    q->tail = n;
    q->size++;
    return 0;
}

static int dequeue(struct queue *q, int *out)
{
    struct qnode *n = q->head;
    if (!n)
        return -1;
    *out = n->v;
    q->head = n->next;
    if (!q->head)
        q->tail = NULL;
    free(n);
    q->size--;
    return 0;
}

int main(void)
{
    struct queue q = {NULL, NULL, 0};
    for (int i = 0; i < 5; i++)
        enqueue(&q, i * i);
    int v;
    dequeue(&q, &v);
    printf("first %d\n", v);
    enqueue(&q, 99);
    while (dequeue(&q, &v) == 0)
        printf("%d (left %d)\n", v, q.size);
    return 0;
}

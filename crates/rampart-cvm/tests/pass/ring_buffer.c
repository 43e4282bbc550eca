#include <stdio.h>

#define CAP 4

struct ring {
    int items[CAP];
    unsigned head, count;
};

static int ring_push(struct ring *r, int v)
{
    if (r->count == CAP)
        return -1;
    r->items[(r->head + r->count) % CAP] = v;
    r->count++;
    return 0;
}

static int ring_pop(struct ring *r, int *out)
{
    if (r->count == 0)
        return -1;
    *out = r->items[r->head];
    r->head = (r->head + 1) % CAP;
    r->count--;
    return 0;
}

int main(void)
{
    struct ring r = {{0}, 0, 0};
    int v;
    for (int i = 1; i <= 6; i++)
        if (ring_push(&r, i * 10) != 0)
            printf("full at %d\n", i * 10);
    for (int i = 0; i < 3; i++)
        if (ring_pop(&r, &v) == 0)
            printf("pop %d\n", v);
    for (int i = 7; i <= 9; i++)
        ring_push(&r, i * 10);
    while (ring_pop(&r, &v) == 0)
        printf("drain %d\n", v);
    printf("empty pop fails: %d\n", ring_pop(&r, &v));
    return 0;
}

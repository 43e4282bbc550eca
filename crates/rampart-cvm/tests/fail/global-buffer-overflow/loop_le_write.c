// expect: global-buffer-overflow line 12
/* CWE-787: resetting a global table with an off-by-one bound. */
#include <stdio.h>

#define SLOTS 8
int slots[SLOTS];
int in_use = 3;

static void reset(void)
{
    for (int i = 0; i <= SLOTS; i++)
        slots[i] = -1; /* FLAW: slots[8] */
}

int main(void)
{
    for (int i = 0; i < SLOTS; i++)
        slots[i] = i;
    reset();
    printf("%d %d\n", slots[0], in_use);
    return 0;
}

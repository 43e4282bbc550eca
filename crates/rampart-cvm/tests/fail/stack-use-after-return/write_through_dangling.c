// expect: stack-use-after-return line 15
/* CWE-562: writing through a pointer to a dead stack frame. */
#include <stdio.h>

static int *counter_slot(void)
{
    int counter = 0;
    int *slot = &counter;
    return slot;
}

int main(void)
{
    int *c = counter_slot();
    *c = 5; /* FLAW */
    puts("written");
    return 0;
}

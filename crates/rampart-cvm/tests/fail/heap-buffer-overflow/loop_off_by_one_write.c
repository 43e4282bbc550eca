// expect: heap-buffer-overflow line 25
/* CWE-122/CWE-193: the loop condition uses <= and writes one element past the end. */
#include <stdio.h>
#include <stdlib.h>

#define COUNT 10

static void fill_good(void)
{
    int *data = malloc(COUNT * sizeof *data);
    if (!data)
        return;
    for (int i = 0; i < COUNT; i++)
        data[i] = i;
    printf("good last %d\n", data[COUNT - 1]);
    free(data);
}

static void fill_bad(void)
{
    int *data = malloc(COUNT * sizeof *data);
    if (!data)
        return;
    for (int i = 0; i <= COUNT; i++)
        data[i] = i; /* FLAW: i == COUNT is out of bounds */
    printf("bad last %d\n", data[COUNT - 1]);
    free(data);
}

int main(void)
{
    fill_good();
    fill_bad();
    return 0;
}

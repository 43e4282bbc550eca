// exit: 2
#include <stdio.h>
#include <stdlib.h>

static char *buffer;

static void die(const char *msg)
{
    printf("fatal: %s\n", msg);
    free(buffer);
    exit(2);
}

static void check(int value)
{
    if (value > 10)
        die("value too large");
    printf("value %d ok\n", value);
}

int main(void)
{
    buffer = malloc(32);
    if (!buffer)
        return 1;
    int values[] = {1, 5, 11, 3};
    for (int i = 0; i < 4; i++)
        check(values[i]);
    free(buffer);
    return 0;
}

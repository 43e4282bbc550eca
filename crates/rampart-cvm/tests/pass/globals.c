#include <stdio.h>
#include <string.h>

int counter;                    /* zero-initialised */
int table[5] = {1, 2, 3};       /* remaining elements are zero */
char banner[32] = "rampart";
const char *const colours[] = {"red", "green", "blue"};
static long total;

static void bump(int by)
{
    counter += by;
    total += (long)counter * by;
}

int main(void)
{
    for (int i = 0; i < 5; i++)
        bump(table[i]);
    strcat(banner, "-cvm");
    printf("counter=%d total=%ld banner=%s\n", counter, total, banner);
    for (int i = 0; i < 3; i++)
        printf("%s%s", colours[i], i < 2 ? "," : "\n");
    printf("table[4]=%d\n", table[4]);
    return 0;
}

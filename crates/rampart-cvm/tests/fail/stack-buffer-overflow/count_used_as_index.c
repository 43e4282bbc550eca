// expect: stack-buffer-overflow line 17
/* CWE-193: after a full table is filled, the count is used as the index of the last item. */
#include <stdio.h>

struct item { int id; int qty; };

int main(void)
{
    struct item items[4];
    int count = 0;
    for (int id = 100; id < 104; id++) {
        items[count].id = id;
        items[count].qty = id % 7;
        count++;
    }
    printf("first %d\n", items[0].id);
    printf("last %d\n", items[count].id); /* FLAW: should be count - 1 */
    return 0;
}

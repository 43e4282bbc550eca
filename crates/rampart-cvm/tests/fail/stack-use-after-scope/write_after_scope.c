// expect: stack-use-after-scope line 16
/* Writing through a pointer whose target went out of scope. */
#include <stdio.h>

int main(void)
{
    int total = 0;
    int *acc = &total;
    for (int pass = 0; pass < 2; pass++) {
        if (pass == 0) {
            int scratch = 0;
            acc = &scratch;
            *acc += 10;
            total += scratch;
        } else {
            *acc += 1; /* FLAW: acc still points at scratch from the first pass */
        }
    }
    printf("%d\n", total);
    return 0;
}

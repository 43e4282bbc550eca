// expect: null-dereference line 12
/* CWE-476: a sparse table of handlers has NULL slots. */
#include <stdio.h>
#include <string.h>

static const char *messages[5] = {"zero", "one", NULL, "three", "four"};

int main(void)
{
    size_t total = 0;
    for (int i = 0; i < 5; i++)
        total += strlen(messages[i]); /* FLAW: messages[2] is NULL */
    printf("%zu\n", total);
    return 0;
}

// expect: global-buffer-overflow line 12
/* CWE-170: a global array initialised with exactly its size has no terminator. */
#include <stdio.h>
#include <string.h>

static const char code[4] = "ABCD";
static const char ok[5] = "ABCD";

int main(void)
{
    printf("%zu\n", strlen(ok));
    printf("%zu\n", strlen(code)); /* FLAW: code is not a string */
    return 0;
}

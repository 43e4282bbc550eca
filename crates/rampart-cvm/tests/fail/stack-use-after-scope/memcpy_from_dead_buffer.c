// expect: stack-use-after-scope line 14
/* A library call reads from a buffer whose block has ended. */
#include <stdio.h>
#include <string.h>

int main(void)
{
    char out[16];
    const char *src;
    {
        char tmp[16] = "scoped";
        src = tmp;
    }
    memcpy(out, src, 7); /* FLAW */
    printf("%s\n", out);
    return 0;
}

// expect: bad-free line 11
/* CWE-590: argv strings are owned by the runtime, not by malloc. */
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
    for (int i = 1; i < argc; i++)
        printf("arg %s\n", argv[i]);
    if (argc > 1)
        free(argv[1]); /* FLAW */
    return 0;
}

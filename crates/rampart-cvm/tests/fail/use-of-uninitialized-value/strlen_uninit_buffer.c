// expect: use-of-uninitialized-value line 13
/* CWE-457: a buffer is never filled before a string function reads it. */
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
    char name[32];
    if (argc > 1) {
        strncpy(name, argv[1], sizeof name - 1);
        name[sizeof name - 1] = '\0';
    }
    size_t n = strlen(name); /* FLAW: no argument was given */
    printf("%zu\n", n);
    return 0;
}

// expect: null-dereference line 9
/* CWE-476: the program assumes an argument and reads argv[1], which is NULL. */
#include <stdio.h>

int main(int argc, char **argv)
{
    printf("%d arguments\n", argc - 1);
    const char *mode = argv[1];
    if (mode[0] == '-') /* FLAW: run without arguments */
        puts("option");
    return 0;
}

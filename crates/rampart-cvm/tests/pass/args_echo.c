#include <stdio.h>

/* argv[argc] is a null pointer, so walking until NULL is valid. */
int main(int argc, char **argv)
{
    printf("argc=%d\n", argc);
    for (int i = 1; i < argc; i++)
        printf("argv[%d]=\"%s\"\n", i, argv[i]);
    int n = 0;
    for (char **p = argv + 1; *p != NULL; p++)
        n++;
    printf("counted %d arguments\n", n);
    return 0;
}

#include <stdio.h>

int main(void)
{
    fprintf(stderr, "this goes to stderr and is not compared\n");
    printf("stdout line 1\n");
    fputs("stdout line 2\n", stdout);
    fprintf(stdout, "stdout %s %d\n", "line", 3);
    fputs("warning: done\n", stderr);
    return 0;
}

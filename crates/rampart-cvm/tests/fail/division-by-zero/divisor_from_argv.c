// expect: division-by-zero line 10
/* CWE-369: a command-line argument that is not a number becomes 0 through atoi. */
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
    int chunks = argc > 1 ? atoi(argv[1]) : 1;
    int size = 4096;
    printf("chunk size %d\n", size / chunks); /* FLAW: argv[1] is "many" */
    return 0;
}

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv)
{
    int repeat = 1, verbose = 0;
    const char *word = "default";
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "-v") == 0) {
            verbose = 1;
        } else if (strcmp(argv[i], "-n") == 0 && i + 1 < argc) {
            repeat = atoi(argv[++i]);
        } else if (argv[i][0] == '-') {
            printf("unknown option %s\n", argv[i]);
        } else {
            word = argv[i];
        }
    }
    if (verbose)
        printf("repeat=%d word=%s\n", repeat, word);
    for (int i = 0; i < repeat; i++)
        printf("%s%c", word, i + 1 < repeat ? ' ' : '\n');
    return 0;
}

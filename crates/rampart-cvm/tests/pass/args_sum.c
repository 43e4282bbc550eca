#include <stdio.h>
#include <stdlib.h>

int main(int argc, char *argv[])
{
    long total = 0;
    for (int i = 1; i < argc; i++) {
        char *end;
        long v = strtol(argv[i], &end, 10);
        if (*end != '\0') {
            printf("skipping '%s'\n", argv[i]);
            continue;
        }
        total += v;
    }
    printf("total=%ld\n", total);
    return 0;
}

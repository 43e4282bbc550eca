// expect: stack-use-after-scope line 14
/* A buffer declared inside an if is dead after the if. */
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
    const char *label = "default";
    if (argc < 5) {
        char buf[32];
        snprintf(buf, sizeof buf, "generated-%d", argc);
        label = buf;
    }
    printf("%s\n", label); /* FLAW */
    (void)argv;
    return 0;
}

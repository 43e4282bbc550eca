// expect: stack-use-after-scope line 21
/* A case block's local is referenced after the switch. */
#include <stdio.h>

int main(void)
{
    int mode = 2;
    const char *name = "none";
    switch (mode) {
    case 1: {
        char tmp[8] = "one";
        name = tmp;
        break;
    }
    case 2: {
        char tmp[8] = "two";
        name = tmp;
        break;
    }
    }
    printf("%s\n", name); /* FLAW */
    return 0;
}

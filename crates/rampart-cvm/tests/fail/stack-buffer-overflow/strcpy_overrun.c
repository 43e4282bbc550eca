// expect: stack-buffer-overflow line 9
/* CWE-121: strcpy into a fixed-size local buffer with a longer string. */
#include <stdio.h>
#include <string.h>

static void greet(const char *name)
{
    char buf[12];
    strcpy(buf, name); /* FLAW: no length check */
    printf("hello %s\n", buf);
}

int main(void)
{
    greet("bob");
    greet("bartholomew the third");
    return 0;
}

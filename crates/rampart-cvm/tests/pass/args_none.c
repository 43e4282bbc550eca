#include <stdio.h>

static const char *name_or_default(int argc, char **argv)
{
    return argc > 1 ? argv[1] : "anonymous";
}

int main(int argc, char **argv)
{
    printf("hello, %s\n", name_or_default(argc, argv));
    printf("argv[argc] is %s\n", argv[argc] == NULL ? "NULL" : "not NULL");
    return 0;
}

// expect: null-dereference line 9
/* CWE-476: strchr returns NULL when the separator is missing. */
#include <stdio.h>
#include <string.h>

static void print_value(const char *line)
{
    const char *eq = strchr(line, '=');
    if (*eq == '=' && eq[1] != '\0') /* FLAW: eq is NULL for "broken" */
        printf("value: %s\n", eq + 1);
}

int main(void)
{
    char good[] = "key=value";
    char bad[] = "broken";
    print_value(good);
    print_value(bad);
    return 0;
}

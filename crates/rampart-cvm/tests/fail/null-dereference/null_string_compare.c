// expect: null-dereference line 12
/* CWE-476: an unset name reaches strcmp. */
#include <stdio.h>
#include <string.h>

struct option { const char *name; int value; };

int main(void)
{
    struct option opts[3] = {{"verbose", 1}, {NULL, 0}, {"quiet", 0}};
    for (int i = 0; i < 3; i++)
        if (strcmp(opts[i].name, "quiet") == 0) /* FLAW: opts[1].name is NULL */
            printf("quiet=%d\n", opts[i].value);
    return 0;
}

// expect: bad-free line 16
/* CWE-761: freeing the address of a member inside a heap struct. */
#include <stdio.h>
#include <stdlib.h>

struct item { int id; char name[12]; };

int main(void)
{
    struct item *it = malloc(sizeof *it);
    if (!it)
        return 1;
    it->id = 1;
    char *name = it->name;
    name[0] = '\0';
    free(name); /* FLAW: name is it + 4, not the start of the block */
    return 0;
}

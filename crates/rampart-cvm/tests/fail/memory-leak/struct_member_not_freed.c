// expect: memory-leak line 14
/* CWE-401: freeing a struct does not free what its members point to. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct person { char *name; int age; };

static struct person *person_new(const char *name, int age)
{
    struct person *p = malloc(sizeof *p);
    if (!p)
        return NULL;
    p->name = malloc(strlen(name) + 1); /* FLAW: never freed */
    if (!p->name) {
        free(p);
        return NULL;
    }
    strcpy(p->name, name);
    p->age = age;
    return p;
}

int main(void)
{
    struct person *p = person_new("grace", 85);
    if (!p)
        return 1;
    printf("%s %d\n", p->name, p->age);
    free(p); /* should free p->name first */
    return 0;
}

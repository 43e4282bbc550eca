// expect: heap-use-after-free line 27
/* CWE-416: replacing a member frees the old value still referenced elsewhere. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct user { char *name; };

static void rename_user(struct user *u, const char *name)
{
    free(u->name);
    u->name = malloc(strlen(name) + 1);
    if (u->name)
        strcpy(u->name, name);
}

int main(void)
{
    struct user u;
    u.name = malloc(8);
    if (!u.name)
        return 1;
    strcpy(u.name, "alice");
    const char *display = u.name; /* cached for the UI */
    rename_user(&u, "alice2");
    printf("renamed to %s\n", u.name);
    printf("display %s\n", display); /* FLAW: display points to the old name */
    free(u.name);
    return 0;
}

// expect: null-dereference line 24
/* CWE-476: a lookup that can fail is dereferenced without a check. */
#include <stdio.h>
#include <string.h>

struct user { const char *name; int uid; };

static struct user users[] = {{"root", 0}, {"alice", 1000}};

static struct user *find_user(const char *name)
{
    for (size_t i = 0; i < sizeof users / sizeof users[0]; i++)
        if (strcmp(users[i].name, name) == 0)
            return &users[i];
    return NULL;
}

int main(void)
{
    struct user *a = find_user("alice");
    if (a)
        printf("alice %d\n", a->uid);
    struct user *b = find_user("bob");
    printf("bob %d\n", b->uid); /* FLAW */
    return 0;
}

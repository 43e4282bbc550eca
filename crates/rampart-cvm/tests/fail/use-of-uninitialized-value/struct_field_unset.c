// expect: use-of-uninitialized-value line 18
/* CWE-909: a constructor forgets one field. */
#include <stdio.h>

struct account { int id; int balance; int locked; };

static struct account open_account(int id)
{
    struct account a;
    a.id = id;
    a.balance = 0; /* locked is never set */
    return a;
}

int main(void)
{
    struct account a = open_account(1);
    if (a.locked) /* FLAW */
        puts("locked");
    else
        puts("open");
    return 0;
}

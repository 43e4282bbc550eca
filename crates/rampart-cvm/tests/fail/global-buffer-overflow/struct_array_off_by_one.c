// expect: global-buffer-overflow line 13
/* CWE-193: initialising a global array of records one past the end. */
#include <stdio.h>
#include <string.h>

struct user { char name[8]; int uid; };
static struct user users[4];

int main(void)
{
    for (int i = 1; i <= 4; i++) {
        struct user *u = &users[i]; /* points one past the end when i == 4 */
        u->uid = 1000 + i; /* FLAW: writes past users[3] */
        strcpy(u->name, "user");
    }
    printf("%d %s\n", users[1].uid, users[1].name);
    return 0;
}

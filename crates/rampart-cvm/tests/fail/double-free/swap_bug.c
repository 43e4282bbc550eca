// expect: double-free line 17
/* CWE-415: a botched swap leaves both pointers aimed at one block. */
#include <stdio.h>
#include <stdlib.h>

int main(void)
{
    char *front = malloc(8);
    char *back = malloc(8);
    if (!front || !back)
        return 1;
    char *old_back = back;
    back = front;
    front = back; /* should have been old_back */
    free(old_back);
    free(front);
    free(back); /* FLAW */
    return 0;
}

// expect: use-of-uninitialized-value line 13
/* CWE-457: a switch on a value whose computation missed a case. */
#include <stdio.h>

int main(void)
{
    const char *cmd = "stop";
    int op;
    if (cmd[0] == 'g')
        op = 1;
    else if (cmd[0] == 'p')
        op = 2;
    switch (op) { /* FLAW */
    case 1:
        puts("go");
        break;
    case 2:
        puts("pause");
        break;
    default:
        puts("unknown");
    }
    return 0;
}

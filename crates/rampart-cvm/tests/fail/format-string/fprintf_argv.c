// expect: format-string line 9
/* CWE-134: a command-line argument used as a format string. */
#include <stdio.h>

int main(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        fprintf(stdout, "arg: ");
        fprintf(stdout, argv[i]); /* FLAW */
        fprintf(stdout, "\n");
    }
    return 0;
}

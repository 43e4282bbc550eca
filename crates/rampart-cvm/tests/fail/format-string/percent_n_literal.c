// expect: format-string line 8
/* CWE-134: %n writes through a pointer argument; hardened code never uses it. */
#include <stdio.h>

int main(void)
{
    int written = 0;
    printf("prefix%n\n", &written); /* FLAW */
    printf("%d\n", written);
    return 0;
}

// expect: format-string line 7
/* CWE-685: two %c conversions and one argument. */
#include <stdio.h>

static void print_pair(char a)
{
    printf("<%c%c>\n", a); /* FLAW */
}

int main(void)
{
    printf("<%c%c>\n", 'o', 'k');
    print_pair('x');
    return 0;
}

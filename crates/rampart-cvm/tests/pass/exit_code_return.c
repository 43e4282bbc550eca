// exit: 3
#include <stdio.h>

int main(void)
{
    puts("failing on purpose");
    return 3;
}

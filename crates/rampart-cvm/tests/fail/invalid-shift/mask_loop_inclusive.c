// expect: invalid-shift line 10
/* CWE-193/CWE-1335: a bit loop that goes one step too far. */
#include <stdio.h>

int main(void)
{
    unsigned value = 0xA5A5A5A5u;
    int set = 0;
    for (int i = 0; i <= 32; i++)
        if (value & (1u << i)) /* FLAW: i == 32 */
            set++;
    printf("%d\n", set);
    return 0;
}

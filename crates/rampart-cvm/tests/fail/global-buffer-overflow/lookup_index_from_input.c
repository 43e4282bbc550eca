// expect: global-buffer-overflow line 11
/* CWE-129: a month number from input indexes a global table without a check. */
#include <stdio.h>

static const int days_in_month[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

int main(void)
{
    int month;
    while (scanf("%d", &month) == 1)
        printf("month %d has %d days\n", month, days_in_month[month - 1]); /* FLAW: month 13 */
    return 0;
}

// expect: global-buffer-overflow line 10
/* CWE-127: a zero-based index converted from a one-based value that may be 0. */
#include <stdio.h>

static const char *weekdays[7] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
static int counter = 42;

static const char *day_name(int day) /* 1..7 expected */
{
    return weekdays[day - 1]; /* FLAW: day == 0 reads weekdays[-1] */
}

int main(void)
{
    printf("%s\n", day_name(1));
    printf("%s\n", day_name(7));
    printf("%s %d\n", day_name(0), counter);
    return 0;
}

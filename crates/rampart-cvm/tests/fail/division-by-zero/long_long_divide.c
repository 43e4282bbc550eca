// expect: division-by-zero line 7
/* CWE-369: 64-bit division by a zero rate. */
#include <stdio.h>

static long long eta_seconds(long long remaining, long long bytes_per_second)
{
    return remaining / bytes_per_second; /* FLAW */
}

int main(void)
{
    printf("%lld\n", eta_seconds(1000000000LL, 250000LL));
    printf("%lld\n", eta_seconds(1000000000LL, 0));
    return 0;
}

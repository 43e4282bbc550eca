#include <limits.h>
#include <stdint.h>
#include <stdio.h>

int main(void)
{
    printf("%d %d\n", CHAR_BIT, SCHAR_MIN);
    printf("%d %d\n", SHRT_MIN, SHRT_MAX);
    printf("%d %d %u\n", INT_MIN, INT_MAX, UINT_MAX);
    printf("%lld %lld\n", LLONG_MIN, LLONG_MAX);
    printf("%llu\n", ULLONG_MAX);
    printf("%d %u\n", INT8_MIN, (unsigned)UINT16_MAX);
    printf("%d\n", UCHAR_MAX);
    return 0;
}

#include <stdio.h>

int main(void)
{
    char cs[] = {'\n', '\t', '\\', '\'', '"', '\x41', '\101', '\0', '\a', '\r'};
    for (size_t i = 0; i < sizeof cs; i++)
        printf("%d ", cs[i]);
    printf("\n");
    printf("%d %d %d\n", 0x7fffffff, 017, 0xFF);
    printf("%lu %llu %u\n", 10UL, 0xFFFFFFFFFFULL, 40000u);
    printf("%.1f %.2f\n", 1e3, 2.5e-1);
    printf("%s\n", "tab\there \"quoted\" back\\slash");
    printf("%d\n", 'A' + '\x01');
    return 0;
}

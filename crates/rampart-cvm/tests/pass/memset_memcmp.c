#include <stdio.h>
#include <string.h>

int main(void)
{
    unsigned char a[10], b[10];
    memset(a, 0xAB, sizeof a);
    memset(b, 0xAB, sizeof b);
    printf("%d\n", memcmp(a, b, sizeof a) == 0);
    b[9] = 0xAC;
    printf("%d\n", memcmp(a, b, sizeof a) < 0);
    printf("%d\n", memcmp(a, b, 9) == 0);
    int z[4];
    memset(z, 0, sizeof z);
    printf("%d %d\n", z[0], z[3]);
    memset(z, -1, sizeof z);
    printf("%d\n", z[2]);
    char s[8];
    memset(s, 'z', sizeof s - 1);
    s[sizeof s - 1] = '\0';
    printf("%s\n", s);
    const char *hay = "needle in a haystack";
    const char *found = memchr(hay, 'y', strlen(hay));
    printf("%s\n", found ? found : "(none)");
    return 0;
}

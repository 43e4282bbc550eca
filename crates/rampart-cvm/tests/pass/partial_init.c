#include <stdio.h>

struct s { int a; int b; char name[4]; };

int main(void)
{
    int a[8] = {5, 6};
    char str[10] = "ab";
    struct s x = {.a = 1};
    int sum = 0;
    for (int i = 0; i < 8; i++)
        sum += a[i];
    printf("%d %d\n", sum, a[7]);
    int zeros = 0;
    for (int i = 0; i < 10; i++)
        zeros += str[i] == 0;
    printf("%d\n", zeros);
    printf("%d %d %d\n", x.a, x.b, x.name[3]);
    static int st[3];
    printf("%d\n", st[0] + st[1] + st[2]);
    return 0;
}

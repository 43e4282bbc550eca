#include <stdio.h>
#include <stdlib.h>

/* C rounds division toward zero; the remainder has the sign of the dividend. */
static int floor_mod(int a, int m)
{
    int r = a % m;
    return r < 0 ? r + m : r;
}

int main(void)
{
    int pairs[][2] = {{7, 2}, {-7, 2}, {7, -2}, {-7, -2}, {0, 5}, {-1, 3}};
    for (int i = 0; i < 6; i++) {
        int a = pairs[i][0], b = pairs[i][1];
        printf("%3d / %2d = %2d   %3d %% %2d = %2d\n", a, b, a / b, a, b, a % b);
    }
    printf("floor_mod(-7, 3) = %d\n", floor_mod(-7, 3));
    div_t d = div(-17, 5);
    printf("div: %d %d\n", d.quot, d.rem);
    printf("abs: %d %ld\n", abs(-42), labs(-100000L));
    return 0;
}

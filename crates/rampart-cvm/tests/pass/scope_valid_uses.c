#include <stdio.h>

static int total;

static void add_all(const int *v, int n)
{
    for (int i = 0; i < n; i++)
        total += v[i];
}

int main(void)
{
    int outer = 1;
    int *po = &outer;
    for (int round = 0; round < 3; round++) {
        int local[3] = {round, round, round};
        int *pl = local;          /* used only while local is alive */
        add_all(pl, 3);
        {
            int inner = round * 10;
            *po += inner;          /* outer is alive in every nested block */
        }
    }
    printf("%d %d\n", total, outer);
    int shadow = 5;
    {
        int shadow = 7;
        printf("%d\n", shadow);
    }
    printf("%d\n", shadow);
    return 0;
}

#include <stdio.h>

int main(void)
{
    double sum = 0.0;
    for (int i = 1; i <= 10; i++)
        sum += 1.0 / i;
    printf("%.6f\n", sum);
    double c = 37.5;
    printf("%.1fF\n", c * 9.0 / 5.0 + 32.0);
    int truncated = (int)-7.9;
    printf("%d\n", truncated);
    double avg = (3 + 4) / 2.0;
    printf("%.2f %.2f\n", avg, (double)((3 + 4) / 2));
    float f = 0.1f;
    printf("%.3f\n", f * 3);
    printf("%g %g\n", 1e10, 0.0001);
    return 0;
}

#include <stdio.h>

int main(void)
{
    printf("%.0f %.0f %.0f %.0f\n", 0.5, 1.5, 2.5, -0.5);
    printf("%.2f %.3f\n", 1.005, 2.0 / 3.0);
    printf("%e %E\n", 12345.678, 0.000123);
    printf("%g %g %g %g\n", 0.0001234, 123456789.0, 100000.0, 1e-5);
    printf("%8.3f|%-8.2f|%+.1f\n", 3.14159, 2.5, 7.0);
    printf("%f\n", 1e15);
    printf("%.10g\n", 0.1 + 0.2);
    printf("%5.1e\n", 99999.0);
    double third = 1.0 / 3;
    printf("%.17g\n", third);
    return 0;
}

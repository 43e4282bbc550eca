// expect: format-string line 9
/* CWE-685: the format has more conversions than arguments. */
#include <stdio.h>

int main(void)
{
    int width = 640, height = 480;
    printf("%dx%d\n", width, height);
    printf("%dx%d pixels at %d bpp\n", width, height); /* FLAW */
    return 0;
}

#include <stdio.h>

int main(void)
{
    int v;
    int ok = 0, bad = 0;
    for (;;) {
        int r = scanf("%d", &v);
        if (r == EOF)
            break;
        if (r == 0) {
            int c = getchar();   /* skip the offending character */
            printf("skipped '%c'\n", c);
            bad++;
            continue;
        }
        printf("read %d\n", v);
        ok++;
    }
    printf("ok=%d bad=%d\n", ok, bad);
    return 0;
}

// expect: division-by-zero line 7
/* CWE-369: a progress percentage when nothing is to be done. */
#include <stdio.h>

static void progress(int done, int total)
{
    int pct = done * 100 / total; /* FLAW */
    printf("%d%%\n", pct);
}

int main(void)
{
    progress(3, 4);
    progress(0, 0);
    return 0;
}

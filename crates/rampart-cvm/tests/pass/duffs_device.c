#include <stdio.h>

/* Duff's device: case labels inside a do-while are valid C. */
static void copy(char *to, const char *from, int count)
{
    int n = (count + 7) / 8;
    switch (count % 8) {
    case 0: do { *to++ = *from++;
    /* fall through */
    case 7:      *to++ = *from++;
    /* fall through */
    case 6:      *to++ = *from++;
    /* fall through */
    case 5:      *to++ = *from++;
    /* fall through */
    case 4:      *to++ = *from++;
    /* fall through */
    case 3:      *to++ = *from++;
    /* fall through */
    case 2:      *to++ = *from++;
    /* fall through */
    case 1:      *to++ = *from++;
            } while (--n > 0);
    }
}

int main(void)
{
    const char *src = "Duff's device copies in unrolled steps";
    char dst[64] = {0};
    for (int len = 1; len <= 19; len += 6) {
        copy(dst, src, len);
        dst[len] = '\0';
        printf("%2d [%s]\n", len, dst);
    }
    return 0;
}

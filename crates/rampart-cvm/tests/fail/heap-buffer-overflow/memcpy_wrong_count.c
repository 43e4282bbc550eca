// expect: heap-buffer-overflow line 22
/* CWE-805: memcpy is given the element count of the source instead of the destination. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct sample { int id; short level; };

int main(void)
{
    struct sample src[12];
    for (int i = 0; i < 12; i++) {
        src[i].id = i;
        src[i].level = (short)(i * 3);
    }
    size_t keep = 8;
    struct sample *dst = malloc(keep * sizeof *dst);
    if (!dst)
        return 1;
    memcpy(dst, src, keep * sizeof *dst);
    printf("good: %d\n", dst[7].id);
    memcpy(dst, src, sizeof src); /* FLAW: copies 12 elements into room for 8 */
    printf("bad: %d\n", dst[7].id);
    free(dst);
    return 0;
}

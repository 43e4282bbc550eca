#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *lcs(const char *a, const char *b)
{
    size_t n = strlen(a), m = strlen(b);
    int *dp = calloc((n + 1) * (m + 1), sizeof *dp);
    if (!dp)
        return NULL;
#define AT(i, j) dp[(i) * (m + 1) + (j)]
    for (size_t i = 1; i <= n; i++)
        for (size_t j = 1; j <= m; j++)
            AT(i, j) = a[i - 1] == b[j - 1] ? AT(i - 1, j - 1) + 1
                     : AT(i - 1, j) > AT(i, j - 1) ? AT(i - 1, j) : AT(i, j - 1);
    size_t len = (size_t)AT(n, m);
    char *out = malloc(len + 1);
    if (out) {
        out[len] = '\0';
        size_t i = n, j = m, k = len;
        while (i > 0 && j > 0) {
            if (a[i - 1] == b[j - 1]) {
                out[--k] = a[i - 1];
                i--;
                j--;
            } else if (AT(i - 1, j) >= AT(i, j - 1)) {
                i--;
            } else {
                j--;
            }
        }
    }
#undef AT
    free(dp);
    return out;
}

int main(void)
{
    char *s = lcs("AGGTAB", "GXTXAYB");
    char *t = lcs("checked", "memory");
    if (!s || !t) {
        free(s);
        free(t);
        return 1;
    }
    printf("%s %s\n", s, t);
    free(s);
    free(t);
    return 0;
}

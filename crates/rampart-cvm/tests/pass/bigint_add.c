#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *add(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    size_t n = (la > lb ? la : lb) + 1;
    char *out = malloc(n + 1);
    if (!out)
        return NULL;
    out[n] = '\0';
    int carry = 0;
    for (size_t i = 0; i < n; i++) {
        int da = i < la ? a[la - 1 - i] - '0' : 0;
        int db = i < lb ? b[lb - 1 - i] - '0' : 0;
        int s = da + db + carry;
        out[n - 1 - i] = (char)('0' + s % 10);
        carry = s / 10;
    }
    if (out[0] == '0' && n > 1)
        memmove(out, out + 1, n);   /* includes the terminator */
    return out;
}

int main(void)
{
    char *x = add("99999999999999999999", "1");
    char *y = add("123", "98765");
    char *z = add("0", "0");
    if (x && y && z)
        printf("%s\n%s\n%s\n", x, y, z);
    free(x);
    free(y);
    free(z);
    return 0;
}

#include <stdio.h>
#include <string.h>

static int count;

static void swap(char *a, char *b)
{
    char t = *a;
    *a = *b;
    *b = t;
}

static void permute(char *s, size_t k, size_t n)
{
    if (k == n) {
        count++;
        printf("%s%c", s, count % 6 ? ' ' : '\n');
        return;
    }
    for (size_t i = k; i < n; i++) {
        swap(&s[k], &s[i]);
        permute(s, k + 1, n);
        swap(&s[k], &s[i]);
    }
}

int main(void)
{
    char s[] = "abcd";
    permute(s, 0, strlen(s));
    printf("%d permutations, back to %s\n", count, s);
    return 0;
}

#include <stdio.h>
#include <stdlib.h>

int main(void)
{
    int *v = NULL;
    size_t n = 0, cap = 0;
    int x;
    while (scanf("%d", &x) == 1) {
        if (n == cap) {
            cap = cap ? cap * 2 : 4;
            int *t = realloc(v, cap * sizeof *t);
            if (!t) {
                free(v);
                return 1;
            }
            v = t;
        }
        v[n++] = x;
    }
    for (size_t i = 1; i < n; i++)
        for (size_t j = i; j > 0 && v[j - 1] > v[j]; j--) {
            int t = v[j];
            v[j] = v[j - 1];
            v[j - 1] = t;
        }
    for (size_t i = 0; i < n; i++)
        printf("%d\n", v[i]);
    free(v);
    return 0;
}

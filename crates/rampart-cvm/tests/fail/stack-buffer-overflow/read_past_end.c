// expect: stack-buffer-overflow line 8
/* CWE-126: a search that keeps going past the end when the key is missing. */
#include <stdio.h>

static int index_of(const int *v, int key)
{
    int i = 0;
    while (v[i] != key) /* FLAW: no bound: reads past the array when key is absent */
        i++;
    return i;
}

int main(void)
{
    int primes[5] = {2, 3, 5, 7, 11};
    printf("%d\n", index_of(primes, 7));
    printf("%d\n", index_of(primes, 4));
    return 0;
}

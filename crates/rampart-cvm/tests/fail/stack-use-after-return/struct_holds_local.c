// expect: stack-use-after-return line 19
/* CWE-562: a returned struct carries a pointer to the callee's local array. */
#include <stdio.h>

struct view { const int *data; int len; };

static struct view first_primes(void)
{
    int primes[5] = {2, 3, 5, 7, 11};
    struct view v = {primes, 5};
    return v;
}

int main(void)
{
    struct view v = first_primes();
    int sum = 0;
    for (int i = 0; i < v.len; i++)
        sum += v.data[i]; /* FLAW */
    printf("%d\n", sum);
    return 0;
}

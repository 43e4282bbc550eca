// expect: division-by-zero line 10
/* CWE-369: a hash table created with zero buckets. */
#include <stdio.h>
#include <stdlib.h>

struct table { unsigned nbuckets; int *buckets; };

static unsigned slot(const struct table *t, unsigned key)
{
    return key % t->nbuckets; /* FLAW */
}

int main(void)
{
    struct table t = {8, NULL};
    printf("%u\n", slot(&t, 21));
    t.nbuckets = 0; /* "lazy" table not sized yet */
    printf("%u\n", slot(&t, 21));
    return 0;
}

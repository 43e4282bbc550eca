// expect: limit-exceeded line 0
/* CWE-835: a retry loop built with goto that never gives up. */
#include <stdio.h>

static int try_connect(int attempt)
{
    return attempt < 0; /* the "server" never answers */
}

int main(void)
{
    int attempt = 0;
retry:
    if (!try_connect(attempt)) {
        attempt = (attempt + 1) % 100;
        goto retry;
    }
    puts("connected");
    return 0;
}

#include <stdio.h>

struct config {
    int port;
    const char *host;
    int verbose;
    int retries[3];
};

static int sum(const int *v, int n)
{
    int s = 0;
    for (int i = 0; i < n; i++)
        s += v[i];
    return s;
}

static void show(struct config c)
{
    printf("%s:%d v=%d r=%d,%d,%d\n", c.host, c.port, c.verbose, c.retries[0], c.retries[1], c.retries[2]);
}

int main(void)
{
    struct config c = {.host = "localhost", .port = 8080, .retries = {[2] = 5}};
    show(c);
    int sparse[10] = {[1] = 1, [4] = 4, [9] = 9};
    printf("%d\n", sum(sparse, 10));
    printf("%d\n", sum((int[]){3, 4, 5}, 3));
    show((struct config){.port = 22, .host = "gateway", .verbose = 1});
    const char *days[7] = {[0] = "sun", [6] = "sat"};
    printf("%s %s %s\n", days[0], days[6], days[3] ? days[3] : "(null)");
    return 0;
}

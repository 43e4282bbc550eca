#include <stdio.h>
#include <string.h>

static int calls;

static int noisy(int v)
{
    calls++;
    return v;
}

struct item {
    const char *name;
    struct item *next;
};

int main(void)
{
    const char *p = NULL;
    if (p != NULL && p[0] == 'x')   /* p[0] never evaluated */
        puts("x");
    if (p == NULL || strlen(p) == 0)
        puts("empty or null");
    int r = noisy(0) && noisy(1);
    int s = noisy(1) || noisy(0);
    printf("%d %d calls=%d\n", r, s, calls);
    struct item b = {"b", NULL};
    struct item a = {"a", &b};
    struct item *it = &a;
    while (it && it->name)
        it = it->next;
    printf("%s\n", it == NULL ? "reached end" : "stopped");
    int arr[4] = {1, 2, 3, 4};
    int i = 0;
    while (i < 4 && arr[i] != 3)  /* bounds check first */
        i++;
    printf("found at %d\n", i);
    i = 0;
    while (i < 4 && arr[i] != 99)
        i++;
    printf("not found, i=%d\n", i);
    return 0;
}

#include <stddef.h>
#include <stdio.h>

struct a { char c; int i; };
struct b { char c1; char c2; short s; int i; };
struct c { char c; double d; char e; };
struct d { int i; char tail[3]; };

int main(void)
{
    printf("%zu %zu %zu %zu\n", sizeof(struct a), sizeof(struct b), sizeof(struct c), sizeof(struct d));
    printf("%zu %zu %zu\n", offsetof(struct a, i), offsetof(struct c, d), offsetof(struct c, e));
    printf("%zu %zu %zu\n", sizeof(void *), sizeof(long), sizeof(size_t));
    int arr[7];
    printf("%zu %zu\n", sizeof arr, sizeof arr / sizeof arr[0]);
    char s[] = "hello";
    const char *p = "hello";
    printf("%zu %zu\n", sizeof s, sizeof p);
    return 0;
}

#include <stdio.h>
#include <string.h>

/* %15s never writes more than 15 characters plus the terminator. */
int main(void)
{
    char name[16];
    int age;
    int n = 0;
    while (scanf("%15s %d", name, &age) == 2) {
        printf("%-16s|%3d|%zu\n", name, age, strlen(name));
        n++;
    }
    printf("%d records\n", n);
    return 0;
}

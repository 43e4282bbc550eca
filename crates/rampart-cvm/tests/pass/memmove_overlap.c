#include <stdio.h>
#include <string.h>

int main(void)
{
    char s[16] = "abcdefghij";
    memmove(s + 2, s, 8);      /* overlapping, destination after source */
    s[10] = '\0';
    printf("%s\n", s);
    char t[16] = "abcdefghij";
    memmove(t, t + 3, 8);      /* overlapping, destination before source: copies the terminator */
    printf("%s\n", t);
    int a[6] = {1, 2, 3, 4, 5, 6};
    memmove(&a[1], &a[0], 5 * sizeof a[0]);
    for (int i = 0; i < 6; i++)
        printf("%d", a[i]);
    printf("\n");
    return 0;
}

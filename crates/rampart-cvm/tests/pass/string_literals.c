#include <stdio.h>
#include <string.h>

int main(void)
{
    const char *joined = "con" "cat" "enated";
    printf("%s %zu\n", joined, strlen(joined));
    printf("%c\n", "abc"[1]);
    printf("%zu\n", sizeof "four");
    const char *s = "walk";
    const char *end = s + strlen(s);   /* points at the terminator */
    for (const char *p = s; p != end; p++)
        putchar(*p - 32);
    putchar('\n');
    const char *const end_of_literal = s + sizeof "walk"; /* one past the terminator */
    printf("%td\n", end_of_literal - s);
    char copy[] = "mutable copy";
    copy[0] = 'M';
    printf("%s\n", copy);
    printf("%s\n", "embedded\0hidden");
    printf("%d\n", (int)sizeof "embedded\0hidden");
    return 0;
}

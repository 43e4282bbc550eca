#include <ctype.h>
#include <stdio.h>
#include <string.h>

static int is_palindrome(const char *s)
{
    const char *a = s;
    const char *b = s + strlen(s); /* one past the last character */
    while (a < b) {
        if (!isalnum((unsigned char)*a)) { a++; continue; }
        if (!isalnum((unsigned char)b[-1])) { b--; continue; }
        if (tolower((unsigned char)*a) != tolower((unsigned char)b[-1]))
            return 0;
        a++;
        b--;
    }
    return 1;
}

int main(void)
{
    const char *tests[] = {"A man, a plan, a canal: Panama", "racecar", "", "ab", "No 'x' in Nixon", "abca"};
    for (int i = 0; i < 6; i++)
        printf("%d \"%s\"\n", is_palindrome(tests[i]), tests[i]);
    return 0;
}

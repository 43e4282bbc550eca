#include <stdio.h>
#include <string.h>

static int count_occurrences(const char *hay, const char *needle)
{
    size_t n = strlen(needle);
    if (n == 0)
        return 0;
    int count = 0;
    for (const char *p = strstr(hay, needle); p; p = strstr(p + n, needle))
        count++;
    return count;
}

int main(void)
{
    const char *text = "the cat sat on the mat with the other cat";
    printf("%d\n", count_occurrences(text, "the"));
    printf("%d\n", count_occurrences(text, "cat"));
    printf("%d\n", count_occurrences(text, "dog"));
    printf("%d\n", count_occurrences("aaaa", "aa"));
    const char *last = strrchr(text, ' ');
    printf("[%s]\n", last + 1);
    const char *first = strchr(text, 'o');
    printf("[%s]\n", first);
    printf("%zu %zu\n", strspn("123abc", "0123456789"), strcspn("hello world", " "));
    return 0;
}

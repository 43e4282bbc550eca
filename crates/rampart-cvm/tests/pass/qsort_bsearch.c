#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct entry { const char *word; int freq; };

static int by_word(const void *a, const void *b)
{
    const struct entry *x = a, *y = b;
    return strcmp(x->word, y->word);
}

static int by_int_desc(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x < y) - (x > y);
}

int main(void)
{
    struct entry dict[] = {{"pear", 3}, {"apple", 9}, {"fig", 1}, {"kiwi", 4}, {"date", 7}};
    size_t n = sizeof dict / sizeof dict[0];
    qsort(dict, n, sizeof dict[0], by_word);
    for (size_t i = 0; i < n; i++)
        printf("%s ", dict[i].word);
    printf("\n");
    struct entry key = {"kiwi", 0};
    struct entry *hit = bsearch(&key, dict, n, sizeof dict[0], by_word);
    printf("%s -> %d\n", key.word, hit ? hit->freq : -1);
    key.word = "grape";
    hit = bsearch(&key, dict, n, sizeof dict[0], by_word);
    printf("%s -> %d\n", key.word, hit ? hit->freq : -1);
    int nums[] = {5, -2, 9, 0, 9, 3};
    qsort(nums, 6, sizeof nums[0], by_int_desc);
    for (int i = 0; i < 6; i++)
        printf("%d ", nums[i]);
    printf("\n");
    return 0;
}

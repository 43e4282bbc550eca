#include <stdio.h>
#include <string.h>

int main(void)
{
    char words[5][16];
    const char *src[] = {"kiwi", "banana", "apple", "cherry", "date"};
    for (int i = 0; i < 5; i++) {
        strncpy(words[i], src[i], sizeof words[i] - 1);
        words[i][sizeof words[i] - 1] = '\0';
    }
    for (int i = 0; i < 4; i++)
        for (int j = i + 1; j < 5; j++)
            if (strcmp(words[i], words[j]) > 0) {
                char tmp[16];
                strcpy(tmp, words[i]);
                strcpy(words[i], words[j]);
                strcpy(words[j], tmp);
            }
    for (int i = 0; i < 5; i++)
        printf("%s%s", words[i], i < 4 ? " " : "\n");
    printf("%zu %zu\n", sizeof words, sizeof words[0]);
    return 0;
}

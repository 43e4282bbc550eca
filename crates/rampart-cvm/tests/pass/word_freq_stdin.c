#include <ctype.h>
#include <stdio.h>
#include <string.h>

#define MAXW 32

struct wc { char word[16]; int count; };

int main(void)
{
    struct wc table[MAXW];
    int n = 0;
    char w[16];
    while (scanf("%15s", w) == 1) {
        for (char *p = w; *p; p++)
            *p = (char)tolower((unsigned char)*p);
        int i;
        for (i = 0; i < n; i++)
            if (strcmp(table[i].word, w) == 0)
                break;
        if (i == n) {
            if (n == MAXW)
                continue;
            strcpy(table[n].word, w);
            table[n].count = 0;
            n++;
        }
        table[i].count++;
    }
    for (int i = 0; i < n; i++)
        if (table[i].count > 1)
            printf("%s %d\n", table[i].word, table[i].count);
    printf("%d distinct\n", n);
    return 0;
}

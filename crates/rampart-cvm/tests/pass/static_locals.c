#include <stdio.h>

static int next_id(void)
{
    static int id = 100;
    return id++;
}

static const char *ordinal(int n)
{
    static char buf[16];
    const char *suffix = "th";
    if (n % 100 < 11 || n % 100 > 13) {
        switch (n % 10) {
        case 1: suffix = "st"; break;
        case 2: suffix = "nd"; break;
        case 3: suffix = "rd"; break;
        }
    }
    snprintf(buf, sizeof buf, "%d%s", n, suffix);
    return buf;
}

int main(void)
{
    for (int i = 0; i < 3; i++)
        printf("id %d\n", next_id());
    int ns[] = {1, 2, 3, 4, 11, 12, 13, 21, 102, 113};
    for (int i = 0; i < 10; i++)
        printf("%s ", ordinal(ns[i]));
    printf("\n");
    return 0;
}

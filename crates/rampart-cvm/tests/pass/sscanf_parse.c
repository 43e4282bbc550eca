#include <stdio.h>
#include <string.h>

int main(void)
{
    const char *lines[] = {"width=640", "height=480", "name=demo", "broken", "depth=-3"};
    for (int i = 0; i < 5; i++) {
        char key[16];
        int value;
        char word[16];
        if (sscanf(lines[i], "%15[^=]=%d", key, &value) == 2)
            printf("int %s -> %d\n", key, value);
        else if (sscanf(lines[i], "%15[^=]=%15s", key, word) == 2)
            printf("str %s -> %s\n", key, word);
        else
            printf("skip '%s'\n", lines[i]);
    }
    int a, b, c;
    if (sscanf("2024-03-15", "%d-%d-%d", &a, &b, &c) == 3)
        printf("%d/%d/%d\n", c, b, a);
    unsigned hex;
    if (sscanf("ff", "%x", &hex) == 1)
        printf("%u\n", hex);
    return 0;
}

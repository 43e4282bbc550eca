#include <stdio.h>
#include <string.h>

static void copy_name(char *dst, size_t size, const char *src)
{
    strncpy(dst, src, size - 1);
    dst[size - 1] = '\0';   /* strncpy does not terminate when src is long */
}

int main(void)
{
    char name[8];
    copy_name(name, sizeof name, "Bob");
    printf("[%s]\n", name);
    copy_name(name, sizeof name, "Bartholomew");
    printf("[%s] %zu\n", name, strlen(name));
    char pad[6];
    strncpy(pad, "ab", sizeof pad);  /* pads the rest with zeros */
    int zeros = 0;
    for (size_t i = 0; i < sizeof pad; i++)
        zeros += pad[i] == '\0';
    printf("zeros=%d\n", zeros);
    char small[4];
    size_t len = strlen("overflow");
    memcpy(small, "overflow", sizeof small - 1);
    small[sizeof small - 1] = '\0';
    printf("[%s] from %zu\n", small, len);
    return 0;
}

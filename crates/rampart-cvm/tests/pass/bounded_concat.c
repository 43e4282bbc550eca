#include <stdio.h>
#include <string.h>

/* Appends src to dst (size bytes) and reports truncation, like strlcat. */
static size_t append(char *dst, size_t size, const char *src)
{
    size_t dl = strlen(dst), sl = strlen(src);
    if (dl + 1 < size) {
        size_t room = size - dl - 1;
        size_t n = sl < room ? sl : room;
        memcpy(dst + dl, src, n);
        dst[dl + n] = '\0';
    }
    return dl + sl;
}

int main(void)
{
    char path[16] = "/usr";
    const char *parts[] = {"/local", "/share", "/doc"};
    for (int i = 0; i < 3; i++) {
        size_t want = append(path, sizeof path, parts[i]);
        printf("%-16s %zu%s\n", path, want, want >= sizeof path ? " (truncated)" : "");
    }
    char tiny[8] = "";
    strncat(tiny, "abcdefghij", sizeof tiny - strlen(tiny) - 1);
    printf("%s\n", tiny);
    return 0;
}

/* String processing: build a text, then count words, reverse each word and
   find the longest, with the string functions a C program really uses. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ctype.h>

static const char *words[] = {"memory", "safety", "buffer", "overflow", "pointer",
                              "free", "bounds", "check", "sanitizer", "fuzz"};

int main(void) {
    size_t cap = 64 * 1024;
    char *text = malloc(cap);
    if (text == NULL) return 1;
    size_t len = 0;
    text[0] = '\0';
    for (int i = 0; len + 16 < cap; i++) {
        const char *w = words[(i * 7 + i / 3) % 10];
        size_t wl = strlen(w);
        memcpy(text + len, w, wl);
        len += wl;
        text[len++] = (i % 11 == 0) ? '\n' : ' ';
        text[len] = '\0';
    }
    int count = 0;
    size_t longest = 0;
    unsigned long hash = 5381;
    char word[32];
    const char *p = text;
    while (*p) {
        while (*p && isspace((unsigned char)*p)) p++;
        size_t n = 0;
        while (p[n] && !isspace((unsigned char)p[n]) && n < sizeof word - 1) n++;
        if (n == 0) break;
        memcpy(word, p, n);
        word[n] = '\0';
        for (size_t i = 0; i < n / 2; i++) {
            char t = word[i]; word[i] = word[n - 1 - i]; word[n - 1 - i] = t;
        }
        for (size_t i = 0; i < n; i++) hash = hash * 33u + (unsigned char)toupper((unsigned char)word[i]);
        if (n > longest) longest = n;
        count++;
        p += n;
    }
    printf("%d words, longest %zu, hash %lu, has 'fuzz': %s\n", count, longest, hash % 1000003u,
           strstr(text, "fuzz") ? "yes" : "no");
    free(text);
    return 0;
}

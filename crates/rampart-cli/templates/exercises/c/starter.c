#include <stdio.h>
#include <string.h>

/* Copies tag, with its terminator, into out, which holds out_size bytes.
   Returns 0, or -1 if it does not fit. */
int copy_tag(char *out, size_t out_size, const char *tag)
{
    size_t len = strlen(tag);

    /* TODO: check this bound against what memcpy writes below. */
    if (len > out_size)
        return -1;
    memcpy(out, tag, len + 1);
    return 0;
}

int main(void)
{
    char line[64];

    while (fgets(line, sizeof line, stdin) != NULL) {
        line[strcspn(line, "\n")] = '\0';

        char tag[8];
        if (copy_tag(tag, sizeof tag, line) != 0)
            printf("error: too long\n");
        else
            printf("tag: %s\n", tag);
    }
    return 0;
}

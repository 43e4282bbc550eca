#include <stdio.h>
#include <string.h>

#define GREETING_SIZE 32

/* Writes "Hello, <name>!" into out, which holds out_size bytes.
   Returns 0 on success, -1 if the greeting does not fit. */
int make_greeting(char *out, size_t out_size, const char *name)
{
    /* TODO: out_size is never checked. A long name writes past the end of out. */
    strcpy(out, "Hello, ");
    strcat(out, name);
    strcat(out, "!");
    return 0;
}

int main(void)
{
    char line[256];

    while (fgets(line, sizeof line, stdin) != NULL) {
        line[strcspn(line, "\n")] = '\0';

        char greeting[GREETING_SIZE];
        if (make_greeting(greeting, sizeof greeting, line) != 0)
            printf("error: name too long\n");
        else
            printf("%s\n", greeting);
    }
    return 0;
}

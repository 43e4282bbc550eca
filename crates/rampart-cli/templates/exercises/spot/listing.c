#include <stdio.h>
#include <string.h>

/* Logs a user name that arrives from the network. */
void log_user(const char *input)
{
    char name[16];
    char line[32];

    strncpy(name, input, sizeof name - 1);
    name[sizeof name - 1] = '\0';

    strcpy(line, "user=");
    strcat(line, input);
    puts(line);
}

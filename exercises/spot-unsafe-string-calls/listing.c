#include <stdio.h>
#include <string.h>

#define USER_MAX 32

struct session {
    char user[USER_MAX];
    char motd[128];
};

/* request is one line sent by the client, without its newline. */
void handle_login(struct session *s, const char *request)
{
    char logline[64];

    if (strncmp(request, "LOGIN ", 6) != 0)
        return;
    const char *name = request + 6;

    strcpy(s->user, name);
    snprintf(s->motd, sizeof s->motd, "Welcome, %.*s", USER_MAX - 1, name);
    strcat(s->motd, "!");
    sprintf(logline, "login from %s", name);
    fputs(logline, stderr);
}

void serve(struct session *s)
{
    char line[256];

    while (fgets(line, sizeof line, stdin) != NULL) {
        line[strcspn(line, "\n")] = '\0';
        handle_login(s, line);
    }
}

void serve_legacy(struct session *s)
{
    char line[256];

    while (gets(line) != NULL)
        handle_login(s, line);
}

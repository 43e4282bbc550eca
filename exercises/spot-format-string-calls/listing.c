#define _GNU_SOURCE
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <syslog.h>

/* client, path and agent come from the HTTP request; status and width do not. */
void log_request(const char *client, const char *path, const char *agent,
                 int status, int width)
{
    char line[256];
    char fmt[32];
    char *summary = NULL;

    printf("%s requested %s\n", client, path);
    snprintf(line, sizeof line, "%s %s %d", client, path, status);
    syslog(LOG_INFO, line);

    fprintf(stderr, "agent: ");
    fprintf(stderr, agent);
    fputs(path, stderr);

    printf(status == 404 ? "not found: %s\n" : "served: %s\n", path);

    snprintf(fmt, sizeof fmt, "%%-%ds|\n", width);
    printf(fmt, client);

    if (asprintf(&summary, "%s -> %d", path, status) < 0)
        return;
    warnx(summary);
    free(summary);
}

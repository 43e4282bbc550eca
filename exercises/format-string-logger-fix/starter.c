#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static unsigned long lines_logged;

/* printf-style logging: log_msg("INFO", "%d users online", n) */
static void log_msg(const char *level, const char *fmt, ...)
{
    char text[256];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    lines_logged++;
    printf("%04lu [%s] %s\n", lines_logged, level, text);
}

/* Each line on stdin is the user name from one failed login attempt. */
int main(void)
{
    char user[160];
    char msg[200];
    int failures = 0;

    while (fgets(user, sizeof user, stdin) != NULL) {
        user[strcspn(user, "\n")] = '\0';
        if (user[0] == '\0')
            continue;
        failures++;

        snprintf(msg, sizeof msg, "login failed for user %s", user);
        /* TODO: the message goes to the logger here */
        log_msg("WARN", msg);
    }
    log_msg("INFO", "%d failed logins", failures);
    return 0;
}

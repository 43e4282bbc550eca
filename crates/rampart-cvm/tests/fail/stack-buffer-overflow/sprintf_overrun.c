// expect: stack-buffer-overflow line 8
/* CWE-121: sprintf of a log line into a small local buffer. */
#include <stdio.h>

static void log_login(const char *user, int attempts)
{
    char msg[24];
    sprintf(msg, "user %s failed %d times", user, attempts); /* FLAW */
    puts(msg);
}

int main(void)
{
    log_login("eve", 3);
    log_login("mallory", 12);
    return 0;
}

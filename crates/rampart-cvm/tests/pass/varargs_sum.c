#include <stdarg.h>
#include <stdio.h>

static int sum_ints(int count, ...)
{
    va_list ap;
    va_start(ap, count);
    int s = 0;
    for (int i = 0; i < count; i++)
        s += va_arg(ap, int);
    va_end(ap);
    return s;
}

static void log_line(const char *level, const char *fmt, ...)
{
    va_list ap;
    printf("[%s] ", level);
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    printf("\n");
}

int main(void)
{
    printf("%d\n", sum_ints(0));
    printf("%d\n", sum_ints(3, 1, 2, 3));
    printf("%d\n", sum_ints(5, 10, -20, 30, -40, 50));
    log_line("info", "%d files, %s", 3, "ok");
    log_line("warn", "plain message");
    return 0;
}

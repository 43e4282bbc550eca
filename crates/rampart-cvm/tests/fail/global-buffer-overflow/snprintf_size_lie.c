// expect: global-buffer-overflow line 12
/* CWE-787: snprintf is told the buffer is bigger than it is. */
#include <stdio.h>

#define BUF_LEN 32
static char title[16];

int main(void)
{
    snprintf(title, sizeof title, "%s", "a long title that is cut");
    puts(title);
    snprintf(title, BUF_LEN, "%s", "a long title that is not cut"); /* FLAW: title has 16 bytes */
    puts(title);
    return 0;
}

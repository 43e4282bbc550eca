// expect: stack-buffer-overflow line 12
/* CWE-121: joining path components without checking the remaining room. */
#include <stdio.h>
#include <string.h>

int main(void)
{
    const char *parts[] = {"usr", "local", "share", "rampart", "lessons"};
    char path[24] = "";
    for (int i = 0; i < 5; i++) {
        strcat(path, "/");
        strcat(path, parts[i]); /* FLAW: overflows on "lessons" */
    }
    puts(path);
    return 0;
}

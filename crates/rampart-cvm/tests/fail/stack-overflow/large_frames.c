// expect: stack-overflow line 5-13
/* CWE-674/CWE-770: each level keeps a large buffer on the stack. */
#include <stdio.h>

static int depth_of(const char *path, int level)
{
    char scratch[1024];
    snprintf(scratch, sizeof scratch, "%s/%d", path, level);
    if (level < 0) /* wrong termination test: level only grows */
        return level;
    return depth_of(path, level + 1) + (scratch[0] != 0); /* FLAW */
}

int main(void)
{
    printf("%d\n", depth_of("/", 0));
    return 0;
}

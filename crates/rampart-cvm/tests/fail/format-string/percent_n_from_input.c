// expect: format-string line 13
/* CWE-134: input containing %n turns printf into a write primitive. */
#include <stdio.h>
#include <string.h>

int main(void)
{
    char buf[64];
    int guard = 0;
    if (!fgets(buf, sizeof buf, stdin))
        return 1;
    buf[strcspn(buf, "\n")] = '\0';
    printf(buf, &guard); /* FLAW */
    printf("\nguard=%d\n", guard);
    return 0;
}

// expect: format-string line 13
/* CWE-134: a template from input is used as the snprintf format. */
#include <stdio.h>
#include <string.h>

int main(void)
{
    char tmpl[64];
    char out[128];
    if (!fgets(tmpl, sizeof tmpl, stdin))
        return 1;
    tmpl[strcspn(tmpl, "\n")] = '\0';
    snprintf(out, sizeof out, tmpl); /* FLAW */
    puts(out);
    return 0;
}

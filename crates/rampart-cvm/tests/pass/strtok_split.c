#include <stdio.h>
#include <string.h>

int main(void)
{
    char line[] = "  alpha,beta;;gamma , delta";
    int n = 0;
    for (char *tok = strtok(line, " ,;"); tok; tok = strtok(NULL, " ,;"))
        printf("%d:%s\n", ++n, tok);
    char csv[] = "1,22,333";
    int sum = 0;
    for (char *tok = strtok(csv, ","); tok; tok = strtok(NULL, ","))
        sum += (int)strlen(tok);
    printf("lengths %d\n", sum);
    return 0;
}

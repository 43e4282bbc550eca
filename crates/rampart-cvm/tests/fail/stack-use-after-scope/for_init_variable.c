// expect: stack-use-after-scope line 16
/* The variable declared in a for statement ends with the loop. */
#include <stdio.h>

int main(void)
{
    const int *found = NULL;
    int data[5] = {4, 8, 15, 16, 23};
    for (int i = 0; i < 5; i++) {
        if (data[i] == 15) {
            found = &i;
            break;
        }
    }
    if (found)
        printf("index %d\n", *found); /* FLAW */
    return 0;
}

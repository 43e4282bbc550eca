// expect: stack-use-after-scope line 17
/* The address of a loop-body array escapes the loop. */
#include <stdio.h>

int main(void)
{
    int *best = NULL;
    int best_sum = -1;
    for (int round = 0; round < 3; round++) {
        int scores[3] = {round, round * 2, round * 3};
        int sum = scores[0] + scores[1] + scores[2];
        if (sum > best_sum) {
            best_sum = sum;
            best = scores;
        }
    }
    printf("%d %d\n", best_sum, best[2]); /* FLAW */
    return 0;
}

#include <stdio.h>

enum state { IDLE, NUMBER, WORD, DONE };
static const char *const names[] = {"IDLE", "NUMBER", "WORD", "DONE"};

static enum state step(enum state s, char c)
{
    if (c == '\0')
        return DONE;
    int digit = c >= '0' && c <= '9';
    int space = c == ' ';
    switch (s) {
    case IDLE:
    case NUMBER:
    case WORD:
        if (space)
            return IDLE;
        return digit && s != WORD ? NUMBER : WORD;
    case DONE:
        break;
    }
    return DONE;
}

int main(void)
{
    const char *input = "12 ab3 7x 99";
    enum state s = IDLE;
    int numbers = 0, words = 0;
    for (const char *p = input;; p++) {
        enum state next = step(s, *p);
        if (next != s && (s == NUMBER || s == WORD)) {
            if (s == NUMBER)
                numbers++;
            else
                words++;
        }
        if (next != s)
            printf("%s -> %s\n", names[s], names[next]);
        s = next;
        if (s == DONE)
            break;
    }
    printf("numbers=%d words=%d\n", numbers, words);
    return 0;
}

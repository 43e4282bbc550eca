#include <stdio.h>

static int days_before_month(int month)
{
    int days = 0;
    switch (month) {
    case 12: days += 30; /* fall through */
    case 11: days += 31; /* fall through */
    case 10: days += 30; /* fall through */
    case 9:  days += 31; /* fall through */
    case 8:  days += 31; /* fall through */
    case 7:  days += 30; /* fall through */
    case 6:  days += 31; /* fall through */
    case 5:  days += 30; /* fall through */
    case 4:  days += 31; /* fall through */
    case 3:  days += 28; /* fall through */
    case 2:  days += 31; /* fall through */
    case 1:  break;
    default: days = -1;
    }
    return days;
}

static const char *classify(char c)
{
    switch (c) {
    case 'a': case 'e': case 'i': case 'o': case 'u':
        return "vowel";
    case ' ':
        return "space";
    default:
        if (c >= 'a' && c <= 'z')
            return "consonant";
        return "other";
    }
}

int main(void)
{
    for (int m = 0; m <= 13; m += 3)
        printf("month %d: %d\n", m, days_before_month(m));
    printf("%d\n", days_before_month(12));
    const char *s = "hi u2";
    for (const char *p = s; *p; p++)
        printf("'%c' %s\n", *p, classify(*p));
    return 0;
}

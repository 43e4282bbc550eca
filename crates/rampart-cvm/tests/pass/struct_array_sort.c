#include <stdio.h>
#include <string.h>

struct person {
    char name[12];
    unsigned char age;
    int score;
};

static int before(const struct person *a, const struct person *b)
{
    if (a->score != b->score)
        return a->score > b->score;
    return strcmp(a->name, b->name) < 0;
}

int main(void)
{
    struct person people[] = {
        {"zoe", 31, 88}, {"adam", 25, 92}, {"mia", 40, 88}, {"li", 19, 75}, {"omar", 52, 92},
    };
    int n = sizeof people / sizeof people[0];
    for (int i = 1; i < n; i++) {
        struct person key = people[i];
        int j = i - 1;
        while (j >= 0 && before(&key, &people[j])) {
            people[j + 1] = people[j];
            j--;
        }
        people[j + 1] = key;
    }
    for (int i = 0; i < n; i++)
        printf("%d. %-5s %3d %2u\n", i + 1, people[i].name, people[i].score, people[i].age);
    return 0;
}

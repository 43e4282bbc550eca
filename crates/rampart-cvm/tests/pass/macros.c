#include <stdio.h>

#define SQUARE(x) ((x) * (x))
#define MAX(a, b) ((a) > (b) ? (a) : (b))
#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))
#define STR(x) #x
#define XSTR(x) STR(x)
#define VERSION 3
#define CAT(a, b) a##b

#if VERSION >= 3
#define FEATURE "new"
#else
#define FEATURE "old"
#endif

#ifndef UNDEFINED_THING
#define FALLBACK 1
#endif

int main(void)
{
    int CAT(my, var) = 7;
    int arr[] = {1, 2, 3, 4, 5, 6};
    printf("%d %d\n", SQUARE(1 + 2), MAX(3, myvar));
    printf("%zu\n", ARRAY_LEN(arr));
    printf("%s %s %s\n", STR(a + b), XSTR(VERSION), FEATURE);
    printf("%d\n", FALLBACK);
#ifdef __STDC__
    printf("stdc\n");
#endif
    return 0;
}

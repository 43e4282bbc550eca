// expect: stack-overflow line 7-12
/* CWE-674: a tree walk over a node that is its own child. */
#include <stdio.h>

struct tree { int key; struct tree *left, *right; };

static int count(const struct tree *t)
{
    if (!t)
        return 0;
    return 1 + count(t->left) + count(t->right); /* FLAW */
}

int main(void)
{
    struct tree leaf = {1, NULL, NULL};
    struct tree root = {2, &leaf, NULL};
    printf("%d\n", count(&root));
    root.right = &root;
    printf("%d\n", count(&root));
    return 0;
}

#include <stdio.h>
#include <stdlib.h>

/* "Object-oriented" C: a struct of function pointers shared by instances. */
struct shape;
struct shape_ops {
    const char *name;
    long (*area)(const struct shape *);
    void (*scale)(struct shape *, int);
};
struct shape {
    const struct shape_ops *ops;
    int a, b;
};

static long rect_area(const struct shape *s) { return (long)s->a * s->b; }
static long tri_area(const struct shape *s) { return (long)s->a * s->b / 2; }
static void scale_both(struct shape *s, int k) { s->a *= k; s->b *= k; }

static const struct shape_ops rect_ops = {"rect", rect_area, scale_both};
static const struct shape_ops tri_ops = {"triangle", tri_area, scale_both};

static struct shape *shape_new(const struct shape_ops *ops, int a, int b)
{
    struct shape *s = malloc(sizeof *s);
    if (s) {
        s->ops = ops;
        s->a = a;
        s->b = b;
    }
    return s;
}

int main(void)
{
    struct shape *shapes[3] = {shape_new(&rect_ops, 3, 4), shape_new(&tri_ops, 6, 5),
                               shape_new(&rect_ops, 1, 1)};
    for (int i = 0; i < 3; i++) {
        if (!shapes[i])
            continue;
        shapes[i]->ops->scale(shapes[i], i + 1);
        printf("%-8s %ld\n", shapes[i]->ops->name, shapes[i]->ops->area(shapes[i]));
        free(shapes[i]);
    }
    return 0;
}

#include <stdio.h>

struct point { int x, y; };
struct rect { struct point lo, hi; char label[8]; };

static struct rect grow(struct rect r, int by)
{
    r.lo.x -= by;
    r.lo.y -= by;
    r.hi.x += by;
    r.hi.y += by;
    return r;
}

static int area(const struct rect *r)
{
    return (r->hi.x - r->lo.x) * (r->hi.y - r->lo.y);
}

int main(void)
{
    struct rect a = {{0, 0}, {4, 3}, "box"};
    struct rect b = grow(a, 2);
    b.label[0] = 'B';
    printf("%s %d\n", a.label, area(&a));
    printf("%s %d (%d,%d)-(%d,%d)\n", b.label, area(&b), b.lo.x, b.lo.y, b.hi.x, b.hi.y);
    struct rect c;
    c = b;
    c.hi = a.hi;
    printf("%s %d\n", c.label, area(&c));
    return 0;
}

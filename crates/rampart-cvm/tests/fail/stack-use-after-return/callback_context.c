// expect: stack-use-after-return line 13
/* CWE-562: a callback is registered with a context that lives on the stack. */
#include <stdio.h>

typedef void (*handler)(void *ctx);

static handler saved_fn;
static void *saved_ctx;

static void on_event(void *ctx)
{
    int *threshold = ctx;
    printf("threshold %d\n", *threshold); /* FLAW */
}

static void subscribe(void)
{
    int threshold = 10;
    saved_fn = on_event;
    saved_ctx = &threshold;
    saved_fn(saved_ctx); /* fine: threshold is alive here */
}

int main(void)
{
    subscribe();
    saved_fn(saved_ctx);
    return 0;
}

#include <stdio.h>
#include <string.h>

#define HOST_MAX 16
#define MAX_TAGS 8

struct record {
    char host[HOST_MAX];
    char label[12];
    int tags[MAX_TAGS];
    int ntags;
};

void set_host(struct record *r, const char *host)
{
    strncpy(r->host, host, sizeof r->host);
}

void set_label(struct record *r, const char *label)
{
    strncpy(r->label, label, sizeof r->label);
    r->label[sizeof r->label] = '\0';
}

void clear_tags(struct record *r)
{
    for (int i = 0; i <= MAX_TAGS; i++)
        r->tags[i] = 0;
    r->ntags = 0;
}

int add_tag(struct record *r, int tag)
{
    if (r->ntags >= MAX_TAGS)
        return -1;
    r->tags[r->ntags++] = tag;
    return 0;
}

void print_record(const struct record *r)
{
    printf("%s [%s]\n", r->host, r->label);
}

void set_note(char *dst, size_t dst_size, const char *src)
{
    size_t n = strlen(src);
    if (n >= dst_size)
        n = dst_size - 1;
    memcpy(dst, src, n);
    dst[n] = '\0';
}

#include <stdint.h>
#include <string.h>

struct net_dev;
uint64_t dev_mem_start(const struct net_dev *d);
uint16_t dev_irq(const struct net_dev *d);
const char *dev_name(const struct net_dev *d);   /* at most 15 chars */
int dev_is_up(const struct net_dev *d);
int copy_to_user(void *dst, const void *src, size_t n);

struct link_map {               /* 28 bytes of fields, sizeof = 32 */
    uint64_t mem_start;
    uint64_t mem_end;
    uint64_t base_addr;
    uint16_t irq;
    uint8_t  dma;
    uint8_t  port;
};

struct link_name {
    uint32_t index;
    char     name[16];
};

int get_map(void *ubuf, const struct net_dev *d)
{
    struct link_map map = {
        .mem_start = dev_mem_start(d),
        .irq       = dev_irq(d),
    };
    return copy_to_user(ubuf, &map, sizeof(map));
}

int get_map_zeroed(void *ubuf, const struct net_dev *d)
{
    struct link_map map;
    memset(&map, 0, sizeof(map));
    map.mem_start = dev_mem_start(d);
    map.irq = dev_irq(d);
    return copy_to_user(ubuf, &map, sizeof(map));
}

int get_name(void *ubuf, const struct net_dev *d, uint32_t index)
{
    struct link_name ln;
    ln.index = index;
    strcpy(ln.name, dev_name(d));
    return copy_to_user(ubuf, &ln, sizeof(ln));
}

int get_flags(void *ubuf, const struct net_dev *d)
{
    uint32_t flags;
    if (dev_is_up(d))
        flags = 1;
    return copy_to_user(ubuf, &flags, sizeof(flags));
}

int get_name_len(void *ubuf, const struct net_dev *d)
{
    uint32_t len = (uint32_t)strlen(dev_name(d));
    return copy_to_user(ubuf, &len, sizeof(len));
}

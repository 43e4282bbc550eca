#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct address { char city[16]; int zip; };
struct employee { char name[16]; struct address *addr; struct employee *manager; };

int main(void)
{
    struct address *hq = malloc(sizeof *hq);
    struct employee *boss = malloc(sizeof *boss);
    struct employee *dev = malloc(sizeof *dev);
    if (!hq || !boss || !dev) {
        free(hq);
        free(boss);
        free(dev);
        return 1;
    }
    strcpy(hq->city, "Lyon");
    hq->zip = 69001;
    strcpy(boss->name, "Ines");
    boss->addr = hq;
    boss->manager = NULL;
    strcpy(dev->name, "Tom");
    dev->addr = hq;
    dev->manager = boss;
    printf("%s reports to %s in %s (%d)\n", dev->name, dev->manager->name,
           dev->manager->addr->city, dev->addr->zip);
    dev->manager->addr->zip++;
    printf("%d\n", (*dev).addr->zip);
    printf("%c\n", dev->manager->name[0]);
    free(dev);
    free(boss);
    free(hq);
    return 0;
}

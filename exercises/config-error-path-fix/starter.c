#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Returns a heap copy of s, or NULL if out of memory. */
static char *copy_string(const char *s)
{
    size_t n = strlen(s) + 1;
    char *p = malloc(n);
    if (p != NULL)
        memcpy(p, s, n);
    return p;
}

struct config {
    char *name;
    char *host;
    int port;
};

/* Replaces *field with a heap copy of value. Returns 0, or -1 if out of memory. */
static int set_string(char **field, const char *value)
{
    char *copy = copy_string(value);
    if (copy == NULL)
        return -1;
    free(*field);
    *field = copy;
    return 0;
}

/* Applies one "key=value" line to cfg. Returns 0, or -1 if the line is invalid. */
static int parse_line(struct config *cfg, char *line)
{
    char *eq = strchr(line, '=');
    if (eq == NULL)
        return -1;
    *eq = '\0';
    const char *key = line;
    const char *value = eq + 1;

    if (strcmp(key, "name") == 0)
        return set_string(&cfg->name, value);
    if (strcmp(key, "host") == 0)
        return set_string(&cfg->host, value);
    if (strcmp(key, "port") == 0) {
        char *end;
        long port = strtol(value, &end, 10);
        if (*value == '\0' || *end != '\0' || port < 1 || port > 65535)
            return -1;
        cfg->port = (int)port;
        return 0;
    }
    return -1;
}

/* Reads the configuration from stdin. On error, reports the line number. */
static int load_config(struct config *cfg)
{
    char line[128];
    int lineno = 0;

    while (fgets(line, sizeof line, stdin) != NULL) {
        lineno++;
        line[strcspn(line, "\n")] = '\0';
        if (line[0] == '\0' || line[0] == '#')
            continue;
        if (parse_line(cfg, line) != 0) {
            printf("error: line %d is invalid\n", lineno);
            /* TODO: clean up the half-built configuration */
            free(cfg->name);
            free(cfg->host);
            return -1;
        }
    }
    return 0;
}

static void config_free(struct config *cfg)
{
    free(cfg->name);
    free(cfg->host);
}

int main(void)
{
    struct config cfg = { NULL, NULL, 22 };
    int status = 0;

    if (load_config(&cfg) == 0) {
        printf("name=%s\n", cfg.name ? cfg.name : "(none)");
        printf("host=%s\n", cfg.host ? cfg.host : "(none)");
        printf("port=%d\n", cfg.port);
    } else {
        status = 1;
    }
    config_free(&cfg);
    return status;
}

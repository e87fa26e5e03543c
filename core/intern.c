/* intern.c - the string-interning pool (open addressing, FNV-1a).
 * Core layer. Each string is its own allocation so pointers stay valid
 * while the table grows. */
#include "intern.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

struct slot {
    char *s; /* NULL: empty */
    size_t len;
    uint32_t hash;
};

struct gl_intern {
    struct slot *tab;
    size_t cap; /* power of two */
    size_t n;
};

static uint32_t fnv(const char *s, size_t len)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)s[i];
        h *= 16777619u;
    }
    return h;
}

struct gl_intern *gl_intern_new(void)
{
    struct gl_intern *in = xmalloc(sizeof *in);
    in->cap = 64;
    in->n = 0;
    in->tab = xcalloc(in->cap, sizeof *in->tab);
    return in;
}

void gl_intern_free(struct gl_intern *in)
{
    if (!in) return;
    for (size_t i = 0; i < in->cap; i++) free(in->tab[i].s);
    free(in->tab);
    free(in);
}

static struct slot *lookup(const struct gl_intern *in, const char *s,
                           size_t len, uint32_t h)
{
    size_t mask = in->cap - 1;
    for (size_t i = h & mask;; i = (i + 1) & mask) {
        struct slot *sl = &in->tab[i];
        if (!sl->s) return sl;
        if (sl->hash == h && sl->len == len &&
            (len == 0 || memcmp(sl->s, s, len) == 0))
            return sl;
    }
}

static void grow(struct gl_intern *in)
{
    struct slot *old = in->tab;
    size_t ocap = in->cap;

    in->cap *= 2;
    in->tab = xcalloc(in->cap, sizeof *in->tab);
    for (size_t i = 0; i < ocap; i++)
        if (old[i].s) *lookup(in, old[i].s, old[i].len, old[i].hash) = old[i];
    free(old);
}

const char *gl_intern(struct gl_intern *in, const char *s, size_t len)
{
    uint32_t h = fnv(s, len);
    struct slot *sl = lookup(in, s, len, h);

    if (sl->s) return sl->s;
    /* keep the load factor under 1/2 so probes stay short */
    if ((in->n + 1) * 2 > in->cap) {
        grow(in);
        sl = lookup(in, s, len, h);
    }
    sl->s = xmemdup(s, len);
    sl->len = len;
    sl->hash = h;
    in->n++;
    return sl->s;
}

const char *gl_intern_find(const struct gl_intern *in, const char *s,
                           size_t len)
{
    return lookup(in, s, len, fnv(s, len))->s;
}

size_t gl_intern_count(const struct gl_intern *in)
{
    return in->n;
}

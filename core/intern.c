/* intern.c - the string-interning pool (open addressing, a multiplicative
 * hash over 8-byte words). Core layer. Each string is its own allocation
 * so pointers stay valid while the table grows. */
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

/* Every tag interns its type, its attribute keys and its script name, so
 * the hash takes 8 bytes per step rather than FNV's one, and names of up
 * to 8 bytes in a single step. Only the table's layout depends on it
 * (nothing walks the table in order), so the native byte order of the
 * word loads does not reach any output. */
static uint32_t hash(const char *s, size_t len)
{
    const uint64_t k = 0x9E3779B97F4A7C15u;
    uint64_t h = (uint64_t)len * k, w = 0;

    if (len <= 8) {
        if (len) memcpy(&w, s, len);
    } else {
        const char *end = s + len;
        for (; end - s > 8; s += 8) {
            memcpy(&w, s, 8);
            h = (h ^ w) * k;
            h ^= h >> 31;
        }
        memcpy(&w, end - 8, 8); /* the last 8 bytes, overlapping */
    }
    h = (h ^ w) * k;
    h ^= h >> 29;
    h *= 0xBF58476D1CE4E5B9u;
    return (uint32_t)(h >> 32);
}

struct gl_intern *gl_intern_new(void)
{
    struct gl_intern *in = xmalloc(sizeof *in);
    in->cap = 32; /* a store holds a dozen or two names */
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

/* The slot of (s, len, h), or the empty slot where it would go. */
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
    for (size_t i = 0; i < ocap; i++) {
        const struct slot *o = &old[i];
        if (o->s) *lookup(in, o->s, o->len, o->hash) = *o;
    }
    free(old);
}

const char *gl_intern(struct gl_intern *in, const char *s, size_t len)
{
    uint32_t h = hash(s, len);
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
    return lookup(in, s, len, hash(s, len))->s;
}

size_t gl_intern_count(const struct gl_intern *in)
{
    return in->n;
}

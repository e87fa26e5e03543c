/* store.c - the annotation store: typed spans with sorted attributes,
 * role links and review state. Core layer. Names and attribute keys are
 * interned so they compare by pointer and cost one copy per store. */
#include "store.h"

#include <stdlib.h>
#include <string.h>

#include "intern.h"
#include "util.h"

/* Most annotations have one to three attributes and a link or two:
 * their first arrays (SMALL entries) are carved from chunks the store
 * keeps until gl_store_fini, so tagging and clearing cost no malloc or
 * free; an array that outgrows SMALL moves to the heap. The capacity
 * tells which is which: exactly SMALL means a slab block. */
#define SMALL 4
#define SLAB_CHUNK 16384

struct gl_store_slab {
    char **chunk;
    size_t n, cap; /* chunks allocated */
    size_t at;     /* the chunk being carved */
    size_t used;   /* bytes of it handed out */
};

static void *slab_take(struct gl_store *st, size_t size)
{
    struct gl_store_slab *s = st->slab;
    void *p;

    if (!s) s = st->slab = xcalloc(1, sizeof *s);
    size = (size + 15) & ~(size_t)15; /* keep blocks 16-byte aligned */
    if (!s->n || s->used + size > SLAB_CHUNK) {
        if (s->n && s->at + 1 < s->n) { /* chunks kept over a clear */
            s->at++;
        } else {
            GL_GROW(s->chunk, s->cap, s->n + 1);
            s->chunk[s->n] = xmalloc(SLAB_CHUNK);
            s->at = s->n++;
        }
        s->used = 0;
    }
    p = s->chunk[s->at] + s->used;
    s->used += size;
    return p;
}

/* Room for `need` entries of `size` bytes in array p of capacity *cap. */
static void *grow_arr(struct gl_store *st, void *p, size_t *cap, size_t need,
                      size_t size)
{
    size_t nc;
    void *q;

    if (need <= *cap) return p;
    if (!*cap && need <= SMALL) {
        *cap = SMALL;
        return slab_take(st, SMALL * size);
    }
    nc = *cap > SMALL ? *cap * 2 : 2 * SMALL;
    while (nc < need) nc *= 2;
    if (*cap == SMALL) {
        q = xreallocarray(NULL, nc, size);
        memcpy(q, p, SMALL * size);
    } else {
        q = xreallocarray(p, nc, size);
    }
    *cap = nc;
    return q;
}

void gl_store_init(struct gl_store *st)
{
    memset(st, 0, sizeof *st);
    st->names = gl_intern_new();
}

static void ann_free(struct gl_ann *a)
{
    for (size_t i = 0; i < a->nattrs; i++) gl_value_free(&a->attrs[i].val);
    if (a->capattrs > SMALL) free(a->attrs);
    if (a->caplinks > SMALL) free(a->links);
    free(a->note);
}

void gl_store_clear(struct gl_store *st)
{
    for (size_t i = 0; i < st->n; i++) ann_free(&st->ann[i]);
    st->n = 0;
    st->norder = 0;
    st->maxlen = 0;
    if (st->slab) st->slab->at = st->slab->used = 0;
}

void gl_store_fini(struct gl_store *st)
{
    gl_store_clear(st);
    free(st->order);
    free(st->ann);
    gl_intern_free(st->names);
    if (st->slab) {
        for (size_t i = 0; i < st->slab->n; i++) free(st->slab->chunk[i]);
        free(st->slab->chunk);
        free(st->slab);
    }
    memset(st, 0, sizeof *st);
}

const char *gl_store_intern(struct gl_store *st, const char *s, size_t len)
{
    return gl_intern(st->names, s, len);
}

/* The caller's pointer alone cannot identify the name (its memory may
 * be reused for another string), so a hit also compares the bytes. */
static const char *script_name(struct gl_store *st, const char *script)
{
    if (script != st->script_arg || strcmp(script, st->script_name) != 0) {
        st->script_name = gl_intern(st->names, script, strlen(script));
        st->script_arg = script;
    }
    return st->script_name;
}

long gl_store_add(struct gl_store *st, const char *type, size_t tlen,
                  struct gl_span span, const char *script,
                  unsigned long line)
{
    struct gl_ann *a;

    if (st->max && st->n >= st->max) return -1;
    /* ids are uint32_t everywhere else */
    if (st->n >= UINT32_MAX) return -1;
    GL_GROW(st->ann, st->cap, st->n + 1);
    a = &st->ann[st->n];
    memset(a, 0, sizeof *a);
    a->type = gl_intern(st->names, type, tlen);
    a->span = span;
    if (span.end - span.start > st->maxlen) st->maxlen = span.end - span.start;
    a->script = script ? script_name(st, script) : NULL;
    a->line = line;
    a->review = GL_REVIEW_PENDING;
    return (long)st->n++;
}

/* Byte order of (k, klen) against a stored NUL-terminated key; the same
 * order as strcmp for keys without NUL bytes. */
static int keycmp(const char *k, size_t klen, const char *stored)
{
    size_t slen = strlen(stored), n = klen < slen ? klen : slen;
    int c = n ? memcmp(k, stored, n) : 0;
    if (c) return c;
    return klen < slen ? -1 : klen > slen;
}

/* Index of key in a->attrs, or -(insertion point) - 1. `in` is the key
 * as interned in the store (or NULL): the same pointer means the same key,
 * without comparing bytes. */
static long find_attr(const struct gl_ann *a, const char *k, size_t klen,
                      const char *in)
{
    size_t lo = 0, hi = a->nattrs;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const char *key = a->attrs[mid].key;
        int c = key == in ? 0 : keycmp(k, klen, key);
        if (c == 0) return (long)mid;
        if (c < 0) hi = mid;
        else lo = mid + 1;
    }
    return -(long)lo - 1;
}

void gl_store_set_attr(struct gl_store *st, uint32_t id, const char *key,
                       size_t klen, struct gl_value *val)
{
    struct gl_ann *a;
    const char *in;
    long at;
    size_t pos;

    if (id >= st->n) { /* the caller checks ids; never leak the value */
        gl_value_free(val);
        return;
    }
    a = &st->ann[id];
    in = gl_intern(st->names, key, klen);
    at = find_attr(a, key, klen, in);
    if (at >= 0) {
        gl_value_free(&a->attrs[at].val);
        a->attrs[at].val = *val;
        return;
    }
    pos = (size_t)(-at - 1);
    a->attrs = grow_arr(st, a->attrs, &a->capattrs, a->nattrs + 1,
                        sizeof *a->attrs);
    memmove(&a->attrs[pos + 1], &a->attrs[pos],
            (a->nattrs - pos) * sizeof *a->attrs);
    a->attrs[pos].key = (char *)in; /* the pool owns it: never freed here */
    a->attrs[pos].val = *val;
    a->nattrs++;
}

const struct gl_value *gl_store_get_attr(const struct gl_store *st,
                                         uint32_t id, const char *key)
{
    long at;

    if (id >= st->n) return NULL;
    at = find_attr(&st->ann[id], key, strlen(key), NULL);
    return at >= 0 ? &st->ann[id].attrs[at].val : NULL;
}

void gl_store_link(struct gl_store *st, uint32_t id, const char *role,
                   size_t rlen, uint32_t target)
{
    struct gl_ann *a;
    const char *r;

    if (id >= st->n || target >= st->n) return;
    a = &st->ann[id];
    r = gl_intern(st->names, role, rlen);
    for (size_t i = 0; i < a->nlinks; i++)
        if (a->links[i].role == r && a->links[i].target == target) return;
    a->links = grow_arr(st, a->links, &a->caplinks, a->nlinks + 1,
                        sizeof *a->links);
    a->links[a->nlinks].role = r;
    a->links[a->nlinks].target = target;
    a->nlinks++;
}

void gl_value_free(struct gl_value *v)
{
    if (!v) return;
    if (v->t == GL_V_STR) {
        free(v->u.s.p);
    } else if (v->t == GL_V_LIST) {
        for (size_t i = 0; i < v->u.list.n; i++)
            gl_value_free(&v->u.list.v[i]);
        free(v->u.list.v);
    }
    memset(v, 0, sizeof *v);
}

struct key {
    uint32_t start, end;
    const char *type;
    uint32_t id;
};

static int bypos(const void *pa, const void *pb)
{
    const struct key *a = pa, *b = pb;
    int c;

    if (a->start != b->start) return a->start < b->start ? -1 : 1;
    if (a->end != b->end) return a->end > b->end ? -1 : 1;
    if (a->type != b->type && (c = strcmp(a->type, b->type)) != 0) return c;
    return a->id < b->id ? -1 : a->id > b->id;
}

static struct key key_of(const struct gl_store *st, uint32_t id)
{
    struct key k;

    k.start = st->ann[id].span.start;
    k.end = st->ann[id].span.end;
    k.type = st->ann[id].type;
    k.id = id;
    return k;
}

/* Scripts query between tags: only the annotations added since the last
 * query are sorted, then merged into the kept order. */
const uint32_t *gl_store_order(struct gl_store *st)
{
    size_t old = st->norder, m, i, j, o;
    struct key *k;
    uint32_t *ids;

    if (st->order && old == st->n) return st->order;
    if (!st->order || old > st->n) {
        free(st->order);
        st->order = gl_store_sorted(st);
        st->norder = st->n;
        return st->order;
    }
    m = st->n - old;
    k = xreallocarray(NULL, m, sizeof *k);
    for (i = 0; i < m; i++) k[i] = key_of(st, (uint32_t)(old + i));
    qsort(k, m, sizeof *k, bypos);
    ids = xreallocarray(NULL, st->n, sizeof *ids);
    for (i = j = o = 0; i < old || j < m;) {
        struct key a;
        if (i < old) a = key_of(st, st->order[i]);
        if (j >= m || (i < old && bypos(&a, &k[j]) < 0)) ids[o++] = st->order[i++];
        else ids[o++] = k[j++].id;
    }
    free(k);
    free(st->order);
    st->order = ids;
    st->norder = st->n;
    return st->order;
}

const char *gl_store_find_name(const struct gl_store *st, const char *s)
{
    return st->names ? gl_intern_find(st->names, s, strlen(s)) : NULL;
}

uint32_t *gl_store_sorted(const struct gl_store *st)
{
    struct key *k = xreallocarray(NULL, st->n, sizeof *k);
    uint32_t *ids = xreallocarray(NULL, st->n, sizeof *ids);

    for (size_t i = 0; i < st->n; i++) {
        k[i].start = st->ann[i].span.start;
        k[i].end = st->ann[i].span.end;
        k[i].type = st->ann[i].type;
        k[i].id = (uint32_t)i;
    }
    if (st->n) qsort(k, st->n, sizeof *k, bypos);
    for (size_t i = 0; i < st->n; i++) ids[i] = k[i].id;
    free(k);
    return ids;
}

void gl_value_copy(struct gl_value *to, const struct gl_value *from)
{
    *to = *from;
    if (from->t == GL_V_STR) {
        to->u.s.p = xmemdup(from->u.s.p, from->u.s.len);
    } else if (from->t == GL_V_LIST) {
        to->u.list.v = xcalloc(from->u.list.n + 1, sizeof *to->u.list.v);
        for (size_t i = 0; i < from->u.list.n; i++)
            gl_value_copy(&to->u.list.v[i], &from->u.list.v[i]);
    }
}

/* bcfile.c - writing and checking the bytecode cache file of the bundled
 * scripts (format in bcfile.h). Binding layer; shared by the loader
 * (bytecode.c) and the build tool (tools/luacache.c). */
#include "bcfile.h"

#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>
#include <lua.h>

#define MAGIC "GLOSSLBC"
#define MAGIC_LEN 8

#define FNV_OFFSET 0xcbf29ce484222325ull
#define FNV_PRIME 0x100000001b3ull

uint64_t lgl_bc_hash(const void *p, size_t n)
{
    const unsigned char *s = p;
    uint64_t x = FNV_OFFSET;
    size_t i = 0;

    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, s + i, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
        w = __builtin_bswap64(w); /* the same value on every machine */
#endif
        x = (x ^ w) * FNV_PRIME;
    }
    for (; i < n; i++) x = (x ^ s[i]) * FNV_PRIME;
    return x;
}

/* Compiled and dumped by both the build tool and the loader: a different
 * liblua (another opcode set, number format or dump layout) gives other
 * bytes. It touches the common instruction kinds, constants of each type,
 * upvalues, a nested function and line information. */
static const char PROBE[] =
    "local a, b = ...\n"
    "local t = {a, b, x = 1.5, [2] = 'y', z = 1 << 40}\n"
    "for i = 1, #t do t[i] = (t[i] or 0) // 2 + i % 3 end\n"
    "while a and not b do a = a - 1.0 end\n"
    "return function(...) return a .. tostring(b), t, select('#', ...) end\n";

static int put(lua_State *L, const void *p, size_t n, void *ud)
{
    (void)L;
    gl_buf_add(ud, p, n);
    return 0;
}

int lgl_bc_dump(lua_State *L, struct gl_buf *out)
{
    return lua_dump(L, put, out, 0) == 0 ? 0 : -1;
}

int lgl_bc_probe(lua_State *L, struct gl_buf *out)
{
    int rc;

    if (luaL_loadbufferx(L, PROBE, sizeof PROBE - 1, "=probe", "t") != LUA_OK) {
        lua_pop(L, 1);
        return -1;
    }
    rc = lgl_bc_dump(L, out);
    lua_pop(L, 1);
    return rc;
}

/* ---- writing ---- */

/* v as n little-endian bytes (the format's integers; get_le reads them) */
static void put_le(struct gl_buf *b, uint64_t v, size_t n)
{
    unsigned char c[8];

    for (size_t i = 0; i < n; i++) c[i] = (unsigned char)(v >> (8 * i));
    gl_buf_add(b, c, n);
}

static void put_bytes32(struct gl_buf *b, const char *p, size_t n)
{
    put_le(b, (uint32_t)n, 4);
    gl_buf_add(b, p, n);
}

static void this_build(unsigned char sizes[4])
{
    sizes[0] = (unsigned char)sizeof(int);
    sizes[1] = (unsigned char)sizeof(size_t);
    sizes[2] = (unsigned char)sizeof(lua_Integer);
    sizes[3] = (unsigned char)sizeof(lua_Number);
}

void lgl_bc_write(struct gl_buf *out, const char *probe, size_t probelen,
                  const struct lgl_bc_entry *ents, size_t n)
{
    size_t start = out->len, i;
    unsigned char sizes[4];

    this_build(sizes);
    gl_buf_add(out, MAGIC, MAGIC_LEN);
    put_le(out, LGL_BC_VERSION, 4);
    put_le(out, (uint32_t)LUA_VERSION_NUM, 4);
    put_bytes32(out, LUA_RELEASE, strlen(LUA_RELEASE));
    gl_buf_add(out, sizes, sizeof sizes);
    put_bytes32(out, probe, probelen);
    put_le(out, (uint32_t)n, 4);
    for (i = 0; i < n; i++) {
        put_bytes32(out, ents[i].path, strlen(ents[i].path));
        put_le(out, ents[i].srclen, 8);
        put_le(out, ents[i].srchash, 8);
        put_le(out, ents[i].codelen, 8);
        gl_buf_add(out, ents[i].code, ents[i].codelen);
    }
    put_le(out, lgl_bc_hash(out->p + start, out->len - start), 8);
}

/* ---- reading ---- */

struct cursor {
    const unsigned char *p;
    size_t len, off;
    int bad; /* a read ran past the end: every later read gives 0 */
};

static const unsigned char *take(struct cursor *c, size_t n)
{
    const unsigned char *r;

    if (c->bad || n > c->len - c->off) {
        c->bad = 1;
        return NULL;
    }
    r = c->p + c->off;
    c->off += n;
    return r;
}

static uint64_t get_le(struct cursor *c, size_t n)
{
    const unsigned char *s = take(c, n);
    uint64_t v = 0;

    while (s && n--) v = v << 8 | s[n];
    return v;
}

/* n bytes preceded by their length (u32 or u64) */
static const char *get_bytes(struct cursor *c, size_t lenbytes, size_t *n)
{
    uint64_t v = get_le(c, lenbytes);

    if (c->bad || v > c->len - c->off) {
        c->bad = 1;
        *n = 0;
        return NULL;
    }
    *n = (size_t)v;
    return (const char *)take(c, (size_t)v);
}

int lgl_bc_parse(struct lgl_bc_file *f, const char *data, size_t len)
{
    struct cursor c = {(const unsigned char *)data, 0, 0, 0};
    const unsigned char *s;
    uint64_t count, i;

    memset(f, 0, sizeof *f);
    if (len < MAGIC_LEN + 8 || memcmp(data, MAGIC, MAGIC_LEN) != 0) return -1;
    c.len = len - 8; /* the trailing hash covers everything before it */
    c.off = MAGIC_LEN;
    {
        struct cursor t = {(const unsigned char *)data, len, c.len, 0};
        if (get_le(&t, 8) != lgl_bc_hash(data, c.len)) return -1;
    }
    if (get_le(&c, 4) != LGL_BC_VERSION) return -1;
    f->luanum = (uint32_t)get_le(&c, 4);
    f->release = get_bytes(&c, 4, &f->releaselen);
    s = take(&c, 4);
    if (s) memcpy(f->sizes, s, 4);
    f->probe = get_bytes(&c, 4, &f->probelen);
    count = get_le(&c, 4);
    /* each entry takes at least 28 bytes: no huge allocation from a
     * count that the data cannot hold */
    if (c.bad || count > (c.len - c.off) / 28) return -1;
    f->ents = xreallocarray(NULL, count ? (size_t)count : 1, sizeof *f->ents);
    for (i = 0; i < count; i++) {
        struct lgl_bc_entry *e = &f->ents[i];
        size_t plen;
        const char *path = get_bytes(&c, 4, &plen);

        e->srclen = get_le(&c, 8);
        e->srchash = get_le(&c, 8);
        e->code = get_bytes(&c, 8, &e->codelen);
        /* paths are compared as C strings: one with a NUL inside could
         * never be asked for, so it is refused rather than cut */
        if (c.bad || !plen || memchr(path, '\0', plen)) {
            lgl_bc_free(f);
            return -1;
        }
        e->path = xmemdup(path, plen);
        f->n++;
    }
    if (c.off != c.len) { /* bytes between the entries and the hash */
        lgl_bc_free(f);
        return -1;
    }
    return 0;
}

void lgl_bc_free(struct lgl_bc_file *f)
{
    /* n counts the entries filled so far, also after a failed parse */
    for (size_t i = 0; i < f->n; i++) free((char *)f->ents[i].path);
    free(f->ents);
    memset(f, 0, sizeof *f);
}

int lgl_bc_compatible(const struct lgl_bc_file *f, lua_State *L)
{
    unsigned char sizes[4];
    struct gl_buf probe = {0};
    int ok;

    this_build(sizes);
    if (f->luanum != (uint32_t)lua_version(L) ||
        f->releaselen != strlen(LUA_RELEASE) ||
        memcmp(f->release, LUA_RELEASE, f->releaselen) != 0 ||
        memcmp(f->sizes, sizes, sizeof sizes) != 0)
        return 0;
    ok = lgl_bc_probe(L, &probe) == 0 && probe.len == f->probelen &&
         memcmp(probe.p, f->probe, probe.len) == 0;
    gl_buf_free(&probe);
    return ok;
}

const struct lgl_bc_entry *lgl_bc_find(const struct lgl_bc_file *f,
                                       const char *path)
{
    for (size_t i = 0; i < f->n; i++)
        if (strcmp(f->ents[i].path, path) == 0) return &f->ents[i];
    return NULL;
}

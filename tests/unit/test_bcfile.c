/* test_bcfile.c - unit tests of binding/bcfile.c, the bytecode cache file:
 * the hash, a write/parse round trip, refusal of every corrupted or
 * truncated file and of lengths that lie, and the Lua compatibility
 * check. */
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>
#include <lua.h>
#include <lualib.h>

#include "bcfile.h"
#include "check.h"
#include "util.h"

static void put_le(char *p, uint64_t v, int n)
{
    for (int i = 0; i < n; i++) p[i] = (char)(v >> (8 * i));
}

/* Recompute the trailing hash after a test edited the body, so only the
 * edit itself can make the parse fail. */
static void rehash(struct gl_buf *b)
{
    put_le(b->p + b->len - 8, lgl_bc_hash(b->p, b->len - 8), 8);
}

/* A cache with two entries, "lib/a.lua" and "presets/b.lua". */
static void sample(struct gl_buf *out, lua_State *L)
{
    struct lgl_bc_entry e[2] = {
        {"lib/a.lua", 11, 0x1122334455667788ull, "\x1bLuaCODE-A", 10},
        {"presets/b.lua", 0, 42, "", 0},
    };
    struct gl_buf probe = {0};

    if (L) CHECK(lgl_bc_probe(L, &probe) == 0 && probe.len > 0);
    else gl_buf_add(&probe, "probe", 5);
    lgl_bc_write(out, probe.p, probe.len, e, 2);
    gl_buf_free(&probe);
}

static void test_hash(void)
{
    static const struct {
        const char *s;
        uint64_t h;
    } known[] = {
        /* under 8 bytes it is plain FNV-1a 64 */
        {"", 0xcbf29ce484222325ull},
        {"a", 0xaf63dc4c8601ec8cull},
        {"foobar", 0x85944171f73967e8ull},
    };
    char buf[21] = "twenty bytes of text";
    uint64_t h0 = lgl_bc_hash(buf, 20);

    for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
        CHECKF(lgl_bc_hash(known[i].s, strlen(known[i].s)) == known[i].h,
               "hash of '%s'", known[i].s);
    /* every byte counts, in the 8-byte words and in the tail */
    for (size_t i = 0; i < 20; i++) {
        buf[i] ^= 1;
        CHECKF(lgl_bc_hash(buf, 20) != h0, "byte %zu ignored", i);
        buf[i] ^= 1;
    }
    CHECK(lgl_bc_hash(buf, 20) == h0);
    CHECK(lgl_bc_hash(buf, 19) != h0);
}

static void test_round_trip(void)
{
    struct gl_buf b = {0};
    struct lgl_bc_file f;
    const struct lgl_bc_entry *e;

    sample(&b, NULL);
    CHECK(lgl_bc_parse(&f, b.p, b.len) == 0);
    CHECK(f.n == 2);
    CHECK(f.luanum == (uint32_t)LUA_VERSION_NUM);
    CHECK(f.releaselen == strlen(LUA_RELEASE) &&
          memcmp(f.release, LUA_RELEASE, f.releaselen) == 0);
    CHECK(f.probelen == 5 && memcmp(f.probe, "probe", 5) == 0);
    e = lgl_bc_find(&f, "lib/a.lua");
    CHECK(e && e->srclen == 11 && e->srchash == 0x1122334455667788ull &&
          e->codelen == 10 && memcmp(e->code, "\x1bLuaCODE-A", 10) == 0);
    e = lgl_bc_find(&f, "presets/b.lua");
    CHECK(e && e->srclen == 0 && e->srchash == 42 && e->codelen == 0);
    CHECK(lgl_bc_find(&f, "lib/b.lua") == NULL);
    CHECK(lgl_bc_find(&f, "lib/a") == NULL);
    lgl_bc_free(&f);
    CHECK(f.n == 0 && f.ents == NULL);
    gl_buf_free(&b);
}

static void test_every_flip_refused(void)
{
    struct gl_buf b = {0};
    struct lgl_bc_file f;
    size_t i, accepted = 0;

    sample(&b, NULL);
    for (i = 0; i < b.len; i++) {
        b.p[i] ^= 0x20;
        if (lgl_bc_parse(&f, b.p, b.len) == 0) {
            accepted++;
            lgl_bc_free(&f);
        }
        b.p[i] ^= 0x20;
    }
    CHECKF(accepted == 0, "%zu of %zu flipped files accepted", accepted, b.len);
    gl_buf_free(&b);
}

static void test_every_truncation_refused(void)
{
    struct gl_buf b = {0};
    struct lgl_bc_file f;
    size_t n, accepted = 0;

    sample(&b, NULL);
    for (n = 0; n < b.len; n++) {
        /* a fresh copy: the parser must not read past n */
        char *p = xmemdup(b.p, n);
        if (lgl_bc_parse(&f, p, n) == 0) {
            accepted++;
            lgl_bc_free(&f);
        }
        free(p);
    }
    CHECKF(accepted == 0, "%zu truncated files accepted", accepted);
    /* bytes after the entries (before the hash) are refused too */
    {
        struct gl_buf c = {0};
        gl_buf_add(&c, b.p, b.len - 8);
        gl_buf_add(&c, "x", 1);
        gl_buf_add(&c, "12345678", 8);
        rehash(&c);
        CHECK(lgl_bc_parse(&f, c.p, c.len) != 0);
        gl_buf_free(&c);
    }
    gl_buf_free(&b);
}

/* Lengths that point past the data, behind a valid hash. */
static void test_lying_lengths(void)
{
    /* offsets in the sample: magic 8, version 4, luanum 4, release */
    size_t rel = 16, probe_at = rel + 4 + strlen(LUA_RELEASE) + 4;
    size_t count_at = probe_at + 4 + 5, path_at = count_at + 4;
    static const struct {
        int which; /* 0 count, 1 first path length, 2 first code length, 3 version */
        uint64_t value;
    } cases[] = {
        {0, 3}, {0, 0xffffffffu}, {1, 0}, {1, 1000}, {1, 0xffffffffu},
        {2, 11}, {2, 0xffffffffffffffffull}, {3, LGL_BC_VERSION + 1},
    };

    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct gl_buf b = {0};
        struct lgl_bc_file f;

        sample(&b, NULL);
        switch (cases[i].which) {
        case 0: put_le(b.p + count_at, cases[i].value, 4); break;
        case 1: put_le(b.p + path_at, cases[i].value, 4); break;
        case 2: put_le(b.p + path_at + 4 + 9 + 16, cases[i].value, 8); break;
        default: put_le(b.p + 8, cases[i].value, 4); break;
        }
        rehash(&b);
        CHECKF(lgl_bc_parse(&f, b.p, b.len) != 0, "case %zu accepted", i);
        gl_buf_free(&b);
    }
    /* a path with a NUL inside */
    {
        struct gl_buf b = {0};
        struct lgl_bc_file f;

        sample(&b, NULL);
        b.p[path_at + 4 + 3] = '\0';
        rehash(&b);
        CHECK(lgl_bc_parse(&f, b.p, b.len) != 0);
        gl_buf_free(&b);
    }
}

static void test_compatible(void)
{
    lua_State *L = luaL_newstate();
    struct gl_buf b = {0};
    struct lgl_bc_file f;
    size_t probe_at = 16 + 4 + strlen(LUA_RELEASE) + 4;

    sample(&b, L);
    CHECK(lgl_bc_parse(&f, b.p, b.len) == 0);
    CHECK(lgl_bc_compatible(&f, L));
    lgl_bc_free(&f);
    /* another probe dump, another release, another Lua number size */
    {
        const size_t offs[] = {probe_at + 4 + 5, 16 + 4, probe_at - 2, 12};
        for (size_t i = 0; i < sizeof offs / sizeof offs[0]; i++) {
            b.p[offs[i]] ^= 1;
            rehash(&b);
            if (lgl_bc_parse(&f, b.p, b.len) == 0) {
                CHECKF(!lgl_bc_compatible(&f, L), "edit %zu still compatible",
                       i);
                lgl_bc_free(&f);
            }
            b.p[offs[i]] ^= 1;
        }
        rehash(&b);
        CHECK(lgl_bc_parse(&f, b.p, b.len) == 0 && lgl_bc_compatible(&f, L));
        lgl_bc_free(&f);
    }
    gl_buf_free(&b);
    lua_close(L);
}

static int put(lua_State *L, const void *p, size_t n, void *ud)
{
    (void)L;
    gl_buf_add(ud, p, n);
    return 0;
}

/* Bytecode kept in the file loads and runs, with its line numbers. */
static void test_code_runs(void)
{
    static const char src[] = "local x = ...\n\nerror('at line 3: ' .. x)\n";
    lua_State *L = luaL_newstate();
    struct gl_buf code = {0}, probe = {0}, b = {0};
    struct lgl_bc_entry e = {"lib/t.lua", sizeof src - 1, 0, NULL, 0};
    struct lgl_bc_file f;
    const struct lgl_bc_entry *got;

    luaL_openlibs(L);
    CHECK(luaL_loadbufferx(L, src, sizeof src - 1, "@lib/t.lua", "t") == 0);
    lua_dump(L, put, &code, 0);
    lua_pop(L, 1);
    e.srchash = lgl_bc_hash(src, sizeof src - 1);
    e.code = code.p;
    e.codelen = code.len;
    CHECK(lgl_bc_probe(L, &probe) == 0);
    lgl_bc_write(&b, probe.p, probe.len, &e, 1);
    CHECK(lgl_bc_parse(&f, b.p, b.len) == 0);
    got = lgl_bc_find(&f, "lib/t.lua");
    CHECK(got != NULL);
    if (got) {
        CHECK(luaL_loadbufferx(L, got->code, got->codelen, "@x", "b") == 0);
        lua_pushstring(L, "boom");
        CHECK(lua_pcall(L, 1, 0, 0) != 0);
        CHECKF(strcmp(lua_tostring(L, -1), "lib/t.lua:3: at line 3: boom") == 0,
               "message '%s'", lua_tostring(L, -1));
        lua_pop(L, 1);
    }
    lgl_bc_free(&f);
    gl_buf_free(&b);
    gl_buf_free(&probe);
    gl_buf_free(&code);
    lua_close(L);
}

int main(void)
{
    RUN(test_hash);
    RUN(test_round_trip);
    RUN(test_every_flip_refused);
    RUN(test_every_truncation_refused);
    RUN(test_lying_lengths);
    RUN(test_compatible);
    RUN(test_code_runs);
    return check_done();
}

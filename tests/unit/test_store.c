/* test_store.c - unit tests of the annotation store and the intern pool
 * (core/store.c, core/intern.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "intern.h"
#include "store.h"
#include "util.h"

static struct gl_value vint(int64_t i)
{
    struct gl_value v;
    v.t = GL_V_INT;
    v.u.i = i;
    return v;
}

static struct gl_value vstr(const char *s)
{
    struct gl_value v;
    v.t = GL_V_STR;
    v.u.s.len = strlen(s);
    v.u.s.p = xmemdup(s, v.u.s.len);
    return v;
}

static long add(struct gl_store *st, const char *type, uint32_t s,
                uint32_t e)
{
    return gl_store_add(st, type, strlen(type), gl_span_make(s, e),
                        "t.lua", 7);
}

static void test_add_fields(void)
{
    struct gl_store st;
    long id;

    gl_store_init(&st);
    id = add(&st, "claim", 3, 9);
    CHECK(id == 0);
    CHECK(add(&st, "claim", 1, 2) == 1);
    CHECK(st.n == 2);
    CHECK(strcmp(st.ann[0].type, "claim") == 0);
    CHECK(st.ann[0].type == st.ann[1].type);
    CHECK(st.ann[0].span.start == 3 && st.ann[0].span.end == 9);
    CHECK(strcmp(st.ann[0].script, "t.lua") == 0 && st.ann[0].line == 7);
    CHECK(st.ann[0].review == GL_REVIEW_PENDING);
    CHECK(st.ann[0].note == NULL && st.ann[0].nattrs == 0);
    gl_store_fini(&st);
}

static void test_attrs_sorted(void)
{
    static const char *const keys[] = {"kind", "alpha", "zeta", "beta",
                                       "a", "kind2", "b"};
    static const char *const want[] = {"a", "alpha", "b", "beta", "kind",
                                       "kind2", "zeta"};
    struct gl_store st;

    gl_store_init(&st);
    add(&st, "x", 0, 1);
    for (size_t i = 0; i < 7; i++) {
        struct gl_value v = vint((int64_t)i);
        gl_store_set_attr(&st, 0, keys[i], strlen(keys[i]), &v);
    }
    CHECK(st.ann[0].nattrs == 7);
    for (size_t i = 0; i < 7 && i < st.ann[0].nattrs; i++)
        CHECKF(strcmp(st.ann[0].attrs[i].key, want[i]) == 0, "%zu: %s", i,
               st.ann[0].attrs[i].key);
    for (size_t i = 0; i < 7; i++) {
        const struct gl_value *v = gl_store_get_attr(&st, 0, keys[i]);
        CHECKF(v && v->t == GL_V_INT && v->u.i == (int64_t)i, "%s", keys[i]);
    }
    CHECK(gl_store_get_attr(&st, 0, "missing") == NULL);
    CHECK(gl_store_get_attr(&st, 0, "alph") == NULL);
    CHECK(gl_store_get_attr(&st, 5, "a") == NULL);
    gl_store_fini(&st);
}

static void test_attr_replace(void)
{
    struct gl_store st;
    struct gl_value v = vstr("first");
    const struct gl_value *got;

    gl_store_init(&st);
    add(&st, "x", 0, 1);
    gl_store_set_attr(&st, 0, "k", 1, &v);
    v = vstr("second");
    gl_store_set_attr(&st, 0, "k", 1, &v);
    CHECK(st.ann[0].nattrs == 1);
    got = gl_store_get_attr(&st, 0, "k");
    CHECK(got && got->t == GL_V_STR && got->u.s.len == 6 &&
          memcmp(got->u.s.p, "second", 6) == 0);
    /* key given with an explicit length, not NUL-terminated */
    v = vint(5);
    gl_store_set_attr(&st, 0, "kXYZ", 1, &v);
    got = gl_store_get_attr(&st, 0, "k");
    CHECK(st.ann[0].nattrs == 1 && got && got->t == GL_V_INT);
    /* a bad id frees the value (ASan reports a leak otherwise) */
    v = vstr("leak?");
    gl_store_set_attr(&st, 9, "k", 1, &v);
    gl_store_fini(&st);
}

static void test_list_value_freed(void)
{
    struct gl_store st;
    struct gl_value v;

    gl_store_init(&st);
    add(&st, "x", 0, 1);
    v.t = GL_V_LIST;
    v.u.list.n = 2;
    v.u.list.v = xmalloc(2 * sizeof *v.u.list.v);
    v.u.list.v[0] = vstr("a");
    v.u.list.v[1] = vint(2);
    gl_store_set_attr(&st, 0, "tags", 4, &v);
    CHECK(gl_store_get_attr(&st, 0, "tags")->u.list.n == 2);
    gl_store_fini(&st);
}

static void test_links_dedupe(void)
{
    struct gl_store st;

    gl_store_init(&st);
    add(&st, "a", 0, 1);
    add(&st, "b", 1, 2);
    add(&st, "c", 2, 3);
    gl_store_link(&st, 0, "source", 6, 1);
    gl_store_link(&st, 0, "source", 6, 1);
    gl_store_link(&st, 0, "target", 6, 1);
    gl_store_link(&st, 0, "source", 6, 2);
    gl_store_link(&st, 0, "source", 6, 7); /* no such annotation */
    CHECK(st.ann[0].nlinks == 3);
    CHECK(strcmp(st.ann[0].links[0].role, "source") == 0 &&
          st.ann[0].links[0].target == 1);
    CHECK(strcmp(st.ann[0].links[1].role, "target") == 0 &&
          st.ann[0].links[1].target == 1);
    CHECK(st.ann[0].links[2].role == st.ann[0].links[0].role &&
          st.ann[0].links[2].target == 2);
    gl_store_fini(&st);
}

static void test_cap(void)
{
    struct gl_store st;

    gl_store_init(&st);
    st.max = 3;
    CHECK(add(&st, "x", 0, 1) == 0);
    CHECK(add(&st, "x", 0, 1) == 1);
    CHECK(add(&st, "x", 0, 1) == 2);
    CHECK(add(&st, "x", 0, 1) == -1);
    CHECK(st.n == 3);
    gl_store_clear(&st);
    CHECK(add(&st, "x", 0, 1) == 0);
    gl_store_fini(&st);
}

static void test_intern(void)
{
    struct gl_intern *in = gl_intern_new();
    const char *a = gl_intern(in, "quote", 5);
    char buf[64];
    const char *first[500];

    CHECK(gl_intern(in, "quoteXX", 5) == a);
    CHECK(strcmp(a, "quote") == 0);
    CHECK(gl_intern(in, "quot", 4) != a);
    CHECK(gl_intern_find(in, "nope", 4) == NULL);
    CHECK(gl_intern_find(in, "quote", 5) == a);
    CHECK(gl_intern(in, "", 0) != NULL && gl_intern_count(in) == 3);
    /* enough names to grow the table several times: pointers must hold */
    for (int i = 0; i < 500; i++) {
        int n = snprintf(buf, sizeof buf, "name-%d", i);
        first[i] = gl_intern(in, buf, (size_t)n);
    }
    CHECK(gl_intern_count(in) == 503);
    for (int i = 0; i < 500; i++) {
        int n = snprintf(buf, sizeof buf, "name-%d", i);
        CHECKF(gl_intern(in, buf, (size_t)n) == first[i], "%d", i);
        CHECK(strcmp(first[i], buf) == 0);
    }
    CHECK(gl_intern(in, "quote", 5) == a);
    gl_intern_free(in);
}

static void test_store_intern(void)
{
    struct gl_store st;

    gl_store_init(&st);
    CHECK(gl_store_intern(&st, "role", 4) == gl_store_intern(&st, "role", 4));
    add(&st, "role", 0, 0);
    CHECK(st.ann[0].type == gl_store_intern(&st, "role", 4));
    gl_store_fini(&st);
}

static void test_sorted_ties(void)
{
    /* start asc, end desc, type by strcmp, then creation order */
    static const struct { const char *type; uint32_t s, e; } in[] = {
        {"b", 5, 9},  /* 0 */
        {"a", 5, 9},  /* 1 */
        {"z", 0, 3},  /* 2 */
        {"b", 5, 12}, /* 3 */
        {"b", 5, 9},  /* 4 */
        {"a", 2, 2},  /* 5 */
        {"a", 5, 5},  /* 6 */
    };
    static const uint32_t want[] = {2, 5, 3, 1, 0, 4, 6};
    struct gl_store st;
    uint32_t *ids;

    gl_store_init(&st);
    for (size_t i = 0; i < sizeof in / sizeof *in; i++)
        add(&st, in[i].type, in[i].s, in[i].e);
    ids = gl_store_sorted(&st);
    for (size_t i = 0; i < sizeof want / sizeof *want; i++)
        CHECKF(ids[i] == want[i], "position %zu: %u, want %u", i,
               (unsigned)ids[i], (unsigned)want[i]);
    free(ids);
    gl_store_fini(&st);
}

static void test_sorted_empty(void)
{
    struct gl_store st;
    uint32_t *ids;

    gl_store_init(&st);
    ids = gl_store_sorted(&st);
    CHECK(ids != NULL);
    free(ids);
    gl_store_fini(&st);
}

static void test_clear_keeps_names(void)
{
    struct gl_store st;
    struct gl_value v = vstr("x");
    const char *t;

    gl_store_init(&st);
    add(&st, "claim", 0, 4);
    t = st.ann[0].type;
    gl_store_set_attr(&st, 0, "k", 1, &v);
    gl_store_link(&st, 0, "self", 4, 0);
    st.ann[0].note = xstrdup("a note");
    gl_store_clear(&st);
    CHECK(st.n == 0);
    CHECK(gl_store_intern(&st, "claim", 5) == t);
    CHECK(add(&st, "claim", 1, 2) == 0);
    CHECK(st.ann[0].type == t && st.ann[0].nattrs == 0 &&
          st.ann[0].nlinks == 0 && st.ann[0].note == NULL);
    gl_store_fini(&st);
}

/* The kept order, grown batch by batch between queries (as scripts tag
 * and query in turns), always equals a full sort; clear starts over. */
static void test_order_incremental(void)
{
    static const char *const types[] = {"actor", "claim", "cue", "entity"};
    struct gl_store st;
    unsigned seed = 7;
    int bad = 0;

    gl_store_init(&st);
    for (int round = 0; round < 2; round++) {
        for (int batch = 0; batch < 40 && !bad; batch++) {
            int m = batch % 7; /* 0 .. 6 new, 0 included */
            for (int i = 0; i < m; i++) {
                uint32_t a, b;
                seed = seed * 1103515245u + 12345u;
                a = (seed >> 8) % 200;
                seed = seed * 1103515245u + 12345u;
                b = a + (seed >> 8) % 30;
                add(&st, types[(seed >> 4) % 4], a, b);
            }
            {
                const uint32_t *o = gl_store_order(&st);
                uint32_t *want = gl_store_sorted(&st);
                for (size_t k = 0; k < st.n && !bad; k++)
                    if (o[k] != want[k]) {
                        bad = 1;
                        CHECKF(0, "round %d batch %d: position %zu is %u, "
                               "want %u", round, batch, k, o[k], want[k]);
                    }
                free(want);
            }
        }
        gl_store_clear(&st);
        CHECK(st.n == 0);
    }
    CHECK(!bad);
    gl_store_fini(&st);
}

/* Strings of every length up to 40 that differ in one byte only, at
 * each position, are all distinct: the hash and the short-name compare
 * look at every byte (the first and last 8 overlap for 9..15 bytes). */
static void test_intern_every_byte(void)
{
    struct gl_intern *in = gl_intern_new();
    char buf[41];
    size_t want = 0;
    int bad = 0;

    for (size_t len = 0; len <= 40; len++) {
        memset(buf, 'a', len);
        gl_intern(in, buf, len);
        want++;
        for (size_t pos = 0; pos < len; pos++) {
            const char *p;
            buf[pos] = 'b';
            p = gl_intern(in, buf, len);
            want++;
            if (memcmp(p, buf, len) != 0 || p[len] != '\0' ||
                gl_intern_find(in, buf, len) != p) {
                if (!bad++) CHECKF(0, "length %zu, byte %zu", len, pos);
            }
            buf[pos] = 'a';
        }
    }
    CHECKF(gl_intern_count(in) == want, "%zu names, want %zu",
           gl_intern_count(in), want);
    memset(buf, 'a', 40);
    buf[39] = 'c';
    CHECK(gl_intern_find(in, buf, 40) == NULL);
    CHECK(gl_intern_find(in, buf, 39) != NULL); /* all 'a' */
    CHECK(!bad);
    gl_intern_free(in);
}

/* Keys are interned per store: equal keys share one copy, which does not
 * depend on the caller's buffer. */
static void test_attr_keys_interned(void)
{
    struct gl_store st;
    struct gl_value v;
    char key[8] = "kind";

    gl_store_init(&st);
    add(&st, "a", 0, 1);
    add(&st, "b", 1, 2);
    v = vint(1);
    gl_store_set_attr(&st, 0, key, 4, &v);
    v = vint(2);
    gl_store_set_attr(&st, 1, "kindXX", 4, &v);
    memcpy(key, "mode", 4);
    CHECK(strcmp(st.ann[0].attrs[0].key, "kind") == 0);
    CHECK(st.ann[0].attrs[0].key == st.ann[1].attrs[0].key);
    v = vint(3);
    gl_store_set_attr(&st, 0, key, 4, &v); /* "mode": a second key */
    CHECK(st.ann[0].nattrs == 2 && strcmp(st.ann[0].attrs[1].key, "mode") == 0);
    CHECK(gl_store_get_attr(&st, 0, "kind")->u.i == 1);
    CHECK(gl_store_get_attr(&st, 1, "kind")->u.i == 2);
    CHECK(gl_store_get_attr(&st, 0, "mode")->u.i == 3);
    CHECK(gl_store_get_attr(&st, 1, "mode") == NULL);
    gl_store_fini(&st);
}

/* The script name is remembered by the caller's pointer, but a buffer
 * reused for another name must not get the old one. */
static void test_script_reused_buffer(void)
{
    struct gl_store st;
    char name[16] = "first.lua";

    gl_store_init(&st);
    gl_store_add(&st, "t", 1, gl_span_make(0, 1), name, 1);
    gl_store_add(&st, "t", 1, gl_span_make(0, 1), name, 2);
    memcpy(name, "other.lua", 10);
    gl_store_add(&st, "t", 1, gl_span_make(0, 1), name, 3);
    memcpy(name, "first.lua", 10);
    gl_store_add(&st, "t", 1, gl_span_make(0, 1), name, 4);
    gl_store_add(&st, "t", 1, gl_span_make(0, 1), NULL, 0);
    CHECK(strcmp(st.ann[0].script, "first.lua") == 0);
    CHECK(st.ann[1].script == st.ann[0].script);
    CHECK(strcmp(st.ann[2].script, "other.lua") == 0);
    CHECK(st.ann[3].script == st.ann[0].script);
    CHECK(st.ann[4].script == NULL && st.ann[4].line == 0);
    CHECK(st.ann[0].script != name);
    gl_store_fini(&st);
}

/* Attribute and link arrays of every size from 0 to 20, over enough
 * annotations to fill several of the store's chunks, twice (the chunks
 * are reused after a clear): all values and links read back intact. */
static void test_many_attrs_and_links(void)
{
    struct gl_store st;
    char key[16];
    int bad = 0;

    gl_store_init(&st);
    for (int round = 0; round < 2; round++) {
        uint32_t n = round ? 1500 : 1000;
        for (uint32_t i = 0; i < n; i++) add(&st, "x", i, i + 1);
        for (uint32_t i = 0; i < n; i++) {
            int na = (int)(i % 21), nl = (int)((i * 7) % 21);
            for (int k = na - 1; k >= 0; k--) { /* reverse: inserts shift */
                int kl = snprintf(key, sizeof key, "k%02d", k);
                struct gl_value v = k % 2 ? vint(k + (int64_t)i) : vstr(key);
                gl_store_set_attr(&st, i, key, (size_t)kl, &v);
            }
            for (int k = 0; k < nl; k++)
                gl_store_link(&st, i, k % 3 ? "to" : "from", k % 3 ? 2 : 4,
                              (uint32_t)k);
        }
        for (uint32_t i = 0; i < n && bad < 3; i++) {
            const struct gl_ann *a = &st.ann[i];
            int na = (int)(i % 21), nl = (int)((i * 7) % 21);
            int ok = a->nattrs == (size_t)na && a->nlinks == (size_t)nl;
            for (int k = 0; ok && k < na; k++) {
                const struct gl_value *v = &a->attrs[k].val;
                snprintf(key, sizeof key, "k%02d", k);
                ok = strcmp(a->attrs[k].key, key) == 0 &&
                     (k % 2 ? v->t == GL_V_INT && v->u.i == k + (int64_t)i
                            : v->t == GL_V_STR && strcmp(v->u.s.p, key) == 0);
            }
            for (int k = 0; ok && k < nl; k++)
                ok = a->links[k].target == (uint32_t)k &&
                     strcmp(a->links[k].role, k % 3 ? "to" : "from") == 0;
            if (!ok && !bad++)
                CHECKF(0, "round %d annotation %u (%d attrs, %d links)", round,
                       i, na, nl);
        }
        gl_store_clear(&st);
    }
    CHECK(!bad);
    gl_store_fini(&st);
}

int main(void)
{
    RUN(test_add_fields);
    RUN(test_attrs_sorted);
    RUN(test_attr_replace);
    RUN(test_list_value_freed);
    RUN(test_links_dedupe);
    RUN(test_cap);
    RUN(test_intern);
    RUN(test_store_intern);
    RUN(test_sorted_ties);
    RUN(test_sorted_empty);
    RUN(test_clear_keeps_names);
    RUN(test_order_incremental);
    RUN(test_intern_every_byte);
    RUN(test_attr_keys_interned);
    RUN(test_script_reused_buffer);
    RUN(test_many_attrs_and_links);
    return check_done();
}

/* test_store.c - unit tests of the annotation store and the intern pool
 * (core/store.c, core/intern.c). */
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
    return check_done();
}

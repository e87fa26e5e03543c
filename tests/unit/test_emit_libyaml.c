/* test_emit_libyaml.c - the YAML writer (core/emit.c) compared byte for
 * byte with the libyaml-event writer it replaced (emit_ref.c): random
 * documents, tricky attribute keys, every Unicode scalar value, numbers
 * of every magnitude, and a sink that fails midway. Test layer. */
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "emit_fix.h"
#include "emit_ref.h"
#include "explain.h"
#include "utf8.h"

/* ---- byte-identical to libyaml ---------------------------------------- */

/* Pieces of every class the writer treats differently: each escape,
 * each UTF-8 length, the Unicode breaks and the BOM, YAML indicators,
 * words and numbers YAML would read as something else. */
static const char *const tricky[] = {
    "\x01", "\x07", "\x08", "\t", "\n", "\x0B", "\x0C", "\r", "\x1B",
    "\x1F", "\x7F", "\"", "\\", "'", " ", "  ", ": ", ":", "# ", "#", "- ",
    "-", "?", "? ", ",", "[", "]", "{", "}", "&a", "*a", "!", "|", ">",
    "%", "@", "`", "---", "...", "~", "=", "<<", "\r\n", "\xC2\x80",
    "\xC2\x85", "\xC2\x9F", "\xC2\xA0", "\xC2\xA9", "\xC3\xA9", "\xDF\xBF",
    "\xE0\xA0\x80", "\xE2\x80\xA7", "\xE2\x80\xA8", "\xE2\x80\xA9",
    "\xE2\x80\xAA", "\xED\x9F\xBF", "\xEE\x80\x80", "\xEF\xBB\xBF",
    "\xEF\xBB\xBE", "\xEF\xBF\xBD", "\xEF\xBF\xBE", "\xEF\xBF\xBF",
    "\xF0\x90\x80\x80", "\xF0\x9F\x98\x80", "\xF4\x8F\xBF\xBF", "yes",
    "No", "ON", "off", "y", "n", "null", "Null", "true", "FALSE", "0",
    "12", "-3", "1.5", "1e3", "0x1F", ".inf", "-.Inf", ".NaN",
    "2024-01-02", "word", "Minister", "x.y/z", "a_b", "plain-ok", "e\xCC\x81",
    "\xD8\xB3\xD9\x84\xD8\xA7\xD9\x85", "\xE4\xB8\xAD\xE6\x96\x87",
};

/* A random string of tricky pieces in buf: sometimes empty, sometimes
 * over 1 KB; a NUL byte only when `nul` allows it. */
static size_t tricky_string(struct gl_buf *b, int nul)
{
    size_t k, ntricky = sizeof tricky / sizeof *tricky;

    b->len = 0;
    gl_buf_puts(b, "");
    switch (lcg() % 10) {
    case 0: k = 0; break;
    case 1: k = 300 + lcg() % 200; break; /* > 1 KB */
    default: k = 1 + lcg() % 6;
    }
    for (size_t i = 0; i < k; i++) {
        if (nul && lcg() % 16 == 0) gl_buf_add(b, "", 1);
        else gl_buf_puts(b, tricky[lcg() % ntricky]);
    }
    return b->len;
}

static char *tricky_dup(struct gl_buf *b)
{
    tricky_string(b, 0);
    return xstrdup(b->p);
}

static struct gl_value random_value(struct gl_buf *b, int depth)
{
    switch (lcg() % (depth < 3 ? 6 : 5)) {
    case 0: return vbool((int)(lcg() & 1));
    case 1:
        switch (lcg() % 8) {
        case 0: return vint(INT64_MIN);
        case 1: return vint(INT64_MAX);
        case 2: return vint(0);
        default: return vint((int64_t)lcg() - ((int64_t)lcg() << 8));
        }
    case 2: return vnum(((double)lcg() - 8e6) / (double)(1 + lcg() % 1000));
    case 5: {
        struct gl_value v = {.t = GL_V_LIST, .u.list = {NULL, lcg() % 4}};
        v.u.list.v = xreallocarray(NULL, v.u.list.n + 1, sizeof *v.u.list.v);
        for (size_t i = 0; i < v.u.list.n; i++)
            v.u.list.v[i] = random_value(b, depth + 1);
        return v;
    }
    default:
        tricky_string(b, 1);
        return vstrn(b->p, b->len);
    }
}

/* Start offsets of the characters of d's body, and its end. */
static size_t boundaries(const struct gl_doc *d, uint32_t *at, size_t cap)
{
    size_t n = 0;

    for (uint32_t i = (uint32_t)d->body; i <= d->len && n < cap; i++)
        if (gl_doc_span_ok(d, d->body, i)) at[n++] = i;
    return n;
}

static void random_store(struct gl_store *st, const struct gl_doc *d,
                         struct gl_buf *b)
{
    uint32_t at[4096];
    size_t nat = boundaries(d, at, 4096), nann = lcg() % 7;

    for (size_t k = 0; k < nann; k++) {
        uint32_t s = at[lcg() % nat], e = at[lcg() % nat];
        const char *script = NULL;
        long id;

        if (s > e) { uint32_t t = s; s = e; e = t; }
        if (lcg() % 2) tricky_string(b, 0);
        else b->len = 0, gl_buf_puts(b, lcg() % 2 ? "actor" : "quote");
        if (lcg() % 3) script = gl_store_intern(st, lcg() % 2 ? "preset:q"
                                                 : "a \"b\".lua", 8);
        id = gl_store_add(st, b->p, b->len, gl_span_make(s, e), script,
                          lcg() % 3 ? lcg() % 500 : 0);
        for (size_t i = 0, n = lcg() % 5; i < n; i++) {
            struct gl_value v = random_value(b, 0);
            struct gl_buf k2 = {0};
            tricky_string(&k2, 0);
            gl_store_set_attr(st, (uint32_t)id, k2.p, k2.len, &v);
            gl_buf_free(&k2);
        }
        st->ann[id].review = (enum gl_review)(lcg() % 4);
        if (lcg() % 3 == 0) st->ann[id].note = tricky_dup(b);
    }
    for (size_t i = 0, n = st->n ? lcg() % 6 : 0; i < n; i++) {
        uint32_t from = lcg() % (uint32_t)st->n, to = lcg() % (uint32_t)st->n;
        if (lcg() % 2) tricky_string(b, 0);
        else b->len = 0, gl_buf_puts(b, "source");
        gl_store_link(st, from, b->p, b->len, to);
    }
}

static void random_espan(struct gl_buf *b, char **text, size_t *len)
{
    tricky_string(b, 1);
    *text = xmemdup(b->p, b->len);
    *len = b->len;
}

static void random_explain(struct gl_explain *ex, size_t nann,
                           struct gl_buf *b)
{
    for (uint32_t id = 0; id < nann; id++) {
        struct gl_why *w;
        if (lcg() % 3 == 0) continue;
        w = gl_explain_why(ex, id);
        if (lcg() % 2) {
            w->origin.match = xstrdup(lcg() % 2 ? "regex" : "lexicon");
            if (lcg() % 2) w->origin.pattern = tricky_dup(b);
            if (lcg() % 2) w->origin.lexicon = tricky_dup(b);
            if (lcg() % 2) w->origin.entry = tricky_dup(b);
            if (lcg() % 2) w->origin.at = tricky_dup(b);
        }
        for (size_t i = 0, n = lcg() % 3; i < n; i++) {
            char *role = tricky_dup(b), *text;
            size_t len;
            random_espan(b, &text, &len);
            gl_why_evidence(w, role, text, len, lcg() % 50, 50 + lcg() % 50);
            free(role);
            free(text);
        }
        if (lcg() % 2) w->note = tricky_dup(b);
    }
    for (size_t i = 0, n = lcg() % 4; i < n; i++) {
        char *text, *reason = tricky_dup(b), *rule = tricky_dup(b);
        size_t len;
        random_espan(b, &text, &len);
        gl_explain_near(ex, text, len, lcg() % 50, 50 + lcg() % 50,
                        1 + lcg() % 9, 1 + lcg() % 80, reason, strlen(reason),
                        lcg() % 2 ? rule : NULL);
        free(text);
        free(reason);
        free(rule);
    }
}

/* Both writers on the same input; 1 when the bytes are the same. */
static int same_output(const struct gl_doc *d, const struct gl_store *st,
                       const struct gl_run_info *ri,
                       const struct gl_explain *ex, int stream,
                       const char *what)
{
    struct gl_buf mine = {0}, ref = {0};
    struct gl_err err = {0}, rerr = {0};
    int rc = gl_emit_yaml_explain(d, st, ri, ex, stream, to_buf, &mine, &err);
    int rrc = gl_emit_ref_yaml(d, st, ri, ex, stream, to_buf, &ref, &rerr);
    int same;
    size_t at = 0;

    CHECKF(rc == GL_OK && rrc == GL_OK, "%s: %s / %s", what, err.msg,
           rerr.msg);
    same = rc == GL_OK && mine.len == ref.len &&
           memcmp(mine.p, ref.p, mine.len) == 0;
    if (!same && rc == GL_OK && rrc == GL_OK) {
        while (at < mine.len && at < ref.len && mine.p[at] == ref.p[at]) at++;
        CHECKF(same, "%s: first difference at byte %zu:\n--- libyaml:\n%.*s"
               "\n--- emit.c:\n%.*s", what, at,
               (int)(ref.len - at < 120 ? ref.len - at : 120), ref.p + at,
               (int)(mine.len - at < 120 ? mine.len - at : 120), mine.p + at);
    }
    gl_buf_free(&mine);
    gl_buf_free(&ref);
    return same;
}

static void test_same_as_libyaml_random(void)
{
    struct gl_buf b = {0}, text = {0};
    const char *scr[3];
    char *own[3] = {0};
    int same = 0, docs = 0;

    lcg_state = 2024;
    for (int iter = 0; iter < 3000; iter++) {
        struct gl_run_info ri = {NULL, scr, lcg() % 4};
        struct gl_explain ex;
        struct gl_store st;
        struct gl_doc *d;
        struct gl_err err = {0};
        char what[48];

        text.len = 0;
        gl_buf_puts(&text, "");
        if (lcg() % 8 == 0) gl_buf_puts(&text, "\xEF\xBB\xBF");
        do tricky_string(&b, 0), gl_buf_puts(&text, b.p);
        while (lcg() % 3);
        if (text.len == 0) gl_buf_puts(&text, "x");
        d = gl_doc_from_memory(text.p, text.len, lcg() % 2 ? "a.txt"
                               : "dir/\"odd\" name\t.txt", &err);
        CHECKF(d != NULL, "iter %d: %s", iter, err.msg);
        if (!d) continue;
        for (size_t i = 0; i < 3; i++) {
            free(own[i]);
            own[i] = tricky_dup(&b);
            scr[i] = own[i];
        }
        switch (lcg() % 4) {
        case 0: ri.gloss_version = "0.1.0"; break;
        case 1: ri.gloss_version = "1.2.3-rc.1"; break;
        case 2: ri.gloss_version = NULL; break;
        default: ri.gloss_version = scr[0];
        }
        gl_store_init(&st);
        random_store(&st, d, &b);
        gl_explain_init(&ex);
        random_explain(&ex, st.n, &b);
        snprintf(what, sizeof what, "iter %d", iter);
        same += same_output(d, &st, lcg() % 5 ? &ri : NULL,
                            lcg() % 2 ? &ex : NULL, (int)(lcg() % 2), what);
        docs++;
        gl_explain_fini(&ex);
        gl_store_fini(&st);
        gl_doc_free(d);
    }
    CHECKF(same == docs && docs == 3000, "%d of %d the same", same, docs);
    for (size_t i = 0; i < 3; i++) free(own[i]);
    gl_buf_free(&b);
    gl_buf_free(&text);
}

/* Keys around libyaml's 128-byte limit for a simple key, and keys with
 * each kind of line break, as attribute keys, link roles and evidence
 * roles: over the limit or multi-line, libyaml writes "? key". */
static void test_same_as_libyaml_keys(void)
{
    static const struct { char c; size_t len; } longk[] = {
        {'a', 127}, {'a', 128}, {'a', 129}, {' ', 127}, {' ', 128},
        {' ', 129}, {'a', 2000},
    };
    static const char *const breaks[] = {"a\nb", "\r", "x\xC2\x85",
                                         "\xE2\x80\xA8", "\xE2\x80\xA9y",
                                         "\xE2\x80\xA7", "\t"};
    struct gl_doc *d = mkdoc("some text", 9, "k.txt");
    struct gl_explain ex;
    struct gl_store st;
    char k[2048];
    long a;
    int n = 0, complex_keys = 0;

    if (!d) return;
    gl_store_init(&st);
    gl_explain_init(&ex);
    a = gl_store_add(&st, "t", 1, gl_span_make(0, 4), NULL, 0);
    for (size_t i = 0; i < sizeof longk / sizeof *longk; i++) {
        struct gl_value v = vlist(2, vint(1), vstr(""));
        memset(k, longk[i].c, longk[i].len);
        k[0] = 'k'; /* plain when all letters, quoted with spaces */
        gl_store_set_attr(&st, (uint32_t)a, k, longk[i].len, &v);
        gl_store_link(&st, (uint32_t)a, k, longk[i].len, (uint32_t)a);
        k[longk[i].len] = '\0';
        gl_why_evidence(gl_explain_why(&ex, (uint32_t)a), k, "t", 1, 0, 1);
        complex_keys += longk[i].len > 128;
        n++;
    }
    for (size_t i = 0; i < sizeof breaks / sizeof *breaks; i++) {
        struct gl_value v = vstr("v");
        gl_store_set_attr(&st, (uint32_t)a, breaks[i], strlen(breaks[i]), &v);
        gl_store_link(&st, (uint32_t)a, breaks[i], strlen(breaks[i]),
                      (uint32_t)a);
        gl_why_evidence(gl_explain_why(&ex, (uint32_t)a), breaks[i], "t", 1,
                        0, 1);
        n++;
    }
    CHECK(n == 14 && complex_keys == 3);
    CHECK(same_output(d, &st, &run, &ex, 0, "long keys"));
    CHECK(same_output(d, &st, &run, &ex, 1, "long keys, stream"));
    {
        /* and the shape itself, for a reader of this test */
        struct gl_buf out = {0};
        struct gl_err err = {0};
        CHECK(gl_emit_yaml(d, &st, &run, 0, to_buf, &out, &err) == GL_OK);
        gl_buf_puts(&out, "");
        CHECK(strstr(out.p, "\n    ? \"a\\nb\"\n    : v\n") != NULL);
        CHECK(strstr(out.p, "\n    \"\\t\": v\n") != NULL);
        gl_buf_free(&out);
    }
    gl_explain_fini(&ex);
    gl_store_fini(&st);
    gl_doc_free(d);
}

/* Fails from its second call on, counting the calls. */
static int fail_later(void *ctx, const char *p, size_t n)
{
    int *calls = ctx;
    (void)p, (void)n;
    return ++*calls > 1 ? -1 : 0;
}

/* Output is handed over in large chunks, not per scalar; a writer that
 * fails after the first chunk is reported, and not called again. */
static void test_write_error_midway(void)
{
    struct gl_doc *d = mkdoc("some text", 9, "w.txt");
    struct gl_buf out = {0};
    struct gl_err err = {0};
    struct gl_store st;
    int calls = 0;

    if (!d) return;
    gl_store_init(&st);
    for (int i = 0; i < 5000; i++)
        gl_store_add(&st, "t", 1, gl_span_make(0, 4), NULL, 0);
    CHECK(gl_emit_yaml(d, &st, &run, 0, to_buf, &out, &err) == GL_OK);
    CHECK(out.len > 500000);
    CHECK(gl_emit_yaml(d, &st, &run, 0, fail_later, &calls, &err) ==
          GL_EIO);
    CHECK(calls == 2);
    CHECK(strstr(err.msg, "cannot write") != NULL);
    gl_buf_free(&out);
    gl_store_fini(&st);
    gl_doc_free(d);
}

/* Every scalar value alone in a string, 4096 at a time: as an attribute
 * value (quoted unless plain) and as a key (which may make it "? key");
 * and the 4096 together as the text of one annotation. */
static void test_same_as_libyaml_every_code_point(void)
{
    struct gl_buf text = {0};
    int chunks = 0, same = 0;

    for (uint32_t lo = 0; lo <= 0x10FFFF; lo += 4096) {
        struct gl_store st;
        struct gl_doc *d;
        struct gl_err err = {0};
        long vals, keys;
        char what[48];

        gl_store_init(&st);
        text.len = 0;
        gl_buf_puts(&text, "x");
        for (uint32_t cp = lo; cp < lo + 4096; cp++) {
            char u[4];
            if (cp && (cp < 0xD800 || cp > 0xDFFF))
                gl_buf_add(&text, u, gl_utf8_encode(cp, u));
        }
        d = gl_doc_from_memory(text.p, text.len, "cp.txt", &err);
        CHECKF(d != NULL, "chunk %06" PRIX32 ": %s", lo, err.msg);
        if (!d) continue;
        vals = gl_store_add(&st, "vals", 4, gl_span_make(0, 1), NULL, 0);
        keys = gl_store_add(&st, "keys", 4, gl_span_make(0, 1), NULL, 0);
        for (uint32_t cp = lo; cp < lo + 4096; cp++) {
            char u[4], k[16];
            size_t n;
            struct gl_value v, t = vbool(1);

            if (cp >= 0xD800 && cp <= 0xDFFF) continue; /* not scalars */
            n = gl_utf8_encode(cp, u);
            v = vstrn(u, n);
            snprintf(k, sizeof k, "c%06" PRIX32, cp);
            gl_store_set_attr(&st, (uint32_t)vals, k, strlen(k), &v);
            if (!cp) continue; /* a key is written up to its NUL */
            gl_store_set_attr(&st, (uint32_t)keys, u, n, &t);
        }
        gl_store_add(&st, "all", 3, gl_span_make(1, (uint32_t)d->len), NULL,
                     0);
        snprintf(what, sizeof what, "chunk %06" PRIX32, lo);
        same += same_output(d, &st, &run, NULL, 0, what);
        chunks++;
        gl_store_fini(&st);
        gl_doc_free(d);
    }
    CHECKF(same == chunks && chunks == 272, "%d of %d chunks the same",
           same, chunks);
    gl_buf_free(&text);
}

/* The writer remembers how each attribute key is written by its bytes:
 * keys that share a length and end bytes ("yes"/"y-s", "a b"/"axb"),
 * whether each is plain, quoted or a "? key", written in many
 * annotations, come out as libyaml writes them. */
static void test_key_memo_lookalikes(void)
{
    static const char *const keys[] = {"yes", "y-s", "a b", "axb", "on",
                                       "o1", "No", "Nx", "k\nk", "k k"};
    struct gl_doc *d = mkdoc("some text here", 14, "m.txt");
    struct gl_store st;
    struct gl_buf out = {0};
    struct gl_err err = {0};

    if (!d) return;
    gl_store_init(&st);
    for (int r = 0; r < 12; r++) {
        long a = gl_store_add(&st, r % 2 ? "t t" : "t", r % 2 ? 3 : 1,
                              gl_span_make((uint32_t)r, (uint32_t)r + 2),
                              NULL, 0);
        for (size_t i = 0; i < sizeof keys / sizeof *keys; i++) {
            struct gl_value v = vint(r);
            if ((i + (size_t)r) % 3 == 0) continue; /* vary the key sets */
            gl_store_set_attr(&st, (uint32_t)a, keys[i], strlen(keys[i]), &v);
        }
    }
    CHECK(same_output(d, &st, &run, NULL, 0, "lookalike keys"));
    CHECK(gl_emit_yaml(d, &st, &run, 0, to_buf, &out, &err) == GL_OK);
    gl_buf_puts(&out, "");
    CHECK(strstr(out.p, "\n    \"yes\": ") != NULL);
    CHECK(strstr(out.p, "\n    y-s: ") != NULL);
    CHECK(strstr(out.p, "\n    \"a b\": ") != NULL);
    CHECK(strstr(out.p, "\n    axb: ") != NULL);
    CHECK(strstr(out.p, "\n    ? \"k\\nk\"\n    : ") != NULL);
    gl_buf_free(&out);
    gl_store_fini(&st);
    gl_doc_free(d);
}

/* Integers of every magnitude, at both sides of each power of ten. */
static void test_integer_magnitudes(void)
{
    struct gl_doc *d = mkdoc("x", 1, "n.txt");
    struct gl_store st;
    long a;
    int64_t p = 1;

    if (!d) return;
    gl_store_init(&st);
    a = gl_store_add(&st, "t", 1, gl_span_make(0, 1), NULL, 0);
    for (int k = 0; k <= 18; k++) {
        int64_t vals[] = {p - 1, p, p + 1, -(p - 1), -p, -p - 1};
        for (size_t i = 0; i < 6; i++) {
            char key[16];
            struct gl_value v = vint(vals[i]);
            snprintf(key, sizeof key, "k%02d_%zu", k, i);
            gl_store_set_attr(&st, (uint32_t)a, key, strlen(key), &v);
        }
        if (k < 18) p *= 10; /* 10^18 is the last that fits */
    }
    CHECK(same_output(d, &st, &run, NULL, 0, "integer magnitudes"));
    gl_store_fini(&st);
    gl_doc_free(d);
}

int main(void)
{
    RUN(test_same_as_libyaml_random);
    RUN(test_same_as_libyaml_keys);
    RUN(test_key_memo_lookalikes);
    RUN(test_integer_magnitudes);
    RUN(test_write_error_midway);
    RUN(test_same_as_libyaml_every_code_point);
    return check_done();
}

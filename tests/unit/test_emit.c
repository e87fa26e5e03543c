/* test_emit.c - unit tests of the YAML writer (core/emit.c): every field
 * read back through the strict reader, one byte-exact golden document,
 * rejections, a randomized round-trip of tricky strings, and the writer
 * compared byte for byte with the libyaml-event writer it replaced
 * (emit_ref.c): random documents and every Unicode scalar value. */
#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "doc.h"
#include "emit.h"
#include "emit_ref.h"
#include "explain.h"
#include "utf8.h"
#include "util.h"
#include "yread.h"

static int to_buf(void *ctx, const char *p, size_t n)
{
    gl_buf_add(ctx, p, n);
    return 0;
}

static int failing(void *ctx, const char *p, size_t n)
{
    (void)ctx, (void)p, (void)n;
    return -1;
}

static const char *scripts[] = {"preset:quotes", "my/script.lua"};
static const struct gl_run_info run = {"0.1.0", scripts, 2};

static struct gl_value vbool(int b)
{
    return (struct gl_value){.t = GL_V_BOOL, .u.b = b};
}

static struct gl_value vint(int64_t i)
{
    return (struct gl_value){.t = GL_V_INT, .u.i = i};
}

static struct gl_value vnum(double d)
{
    return (struct gl_value){.t = GL_V_NUM, .u.n = d};
}

static struct gl_value vstrn(const char *s, size_t n)
{
    return (struct gl_value){.t = GL_V_STR, .u.s = {xmemdup(s, n), n}};
}

static struct gl_value vstr(const char *s)
{
    return vstrn(s, strlen(s));
}

/* A list of n values given as arguments. */
static struct gl_value vlist(size_t n, ...)
{
    struct gl_value v = {.t = GL_V_LIST, .u.list = {NULL, n}};
    va_list ap;

    v.u.list.v = xreallocarray(NULL, n, sizeof *v.u.list.v);
    va_start(ap, n);
    for (size_t i = 0; i < n; i++)
        v.u.list.v[i] = va_arg(ap, struct gl_value);
    va_end(ap);
    return v;
}

static void set(struct gl_store *st, long id, const char *k,
                struct gl_value v)
{
    gl_store_set_attr(st, (uint32_t)id, k, strlen(k), &v);
}

static int sceq(const struct gl_ynode *n, const char *s, size_t len)
{
    return n && n->kind == GL_Y_SCALAR && n->len == len &&
           memcmp(n->str, s, len) == 0;
}

static int scs(const struct gl_ynode *n, const char *s)
{
    return sceq(n, s, strlen(s));
}

static int scu(const struct gl_ynode *n, unsigned long long v)
{
    char b[32];
    snprintf(b, sizeof b, "%llu", v);
    return n && n->plain && scs(n, b);
}

/* What the schema allows as a plain string (independent re-statement). */
static int plain_string_ok(const char *s, size_t len)
{
    static const char *const words[] = {"y", "n", "yes", "no", "on", "off",
                                        "true", "false", "null"};
    char low[8];

    if (!len || !((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z')))
        return 0;
    for (size_t i = 0; i < len; i++)
        if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                    "0123456789_./-", s[i]) || s[i] == '\0')
            return 0;
    if (len >= sizeof low) return 1;
    for (size_t i = 0; i < len; i++)
        low[i] = (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] + 32 : s[i]);
    low[len] = '\0';
    for (size_t i = 0; i < sizeof words / sizeof *words; i++)
        if (!strcmp(low, words[i])) return 0;
    return 1;
}

static int value_matches(const struct gl_value *v, const struct gl_ynode *n)
{
    char b[32];

    if (!n) return 0;
    switch (v->t) {
    case GL_V_BOOL:
        return n->plain && scs(n, v->u.b ? "true" : "false");
    case GL_V_INT:
        snprintf(b, sizeof b, "%" PRId64, v->u.i);
        return n->plain && scs(n, b);
    case GL_V_NUM:
        return n->kind == GL_Y_SCALAR && n->plain && strchr(n->str, '.') &&
               strtod(n->str, NULL) == v->u.n &&
               signbit(strtod(n->str, NULL)) == signbit(v->u.n);
    case GL_V_STR:
        return sceq(n, v->u.s.p, v->u.s.len) &&
               (!n->plain || plain_string_ok(n->str, n->len));
    case GL_V_LIST:
        if (n->kind != GL_Y_SEQ || n->n != v->u.list.n) return 0;
        for (size_t i = 0; i < n->n; i++)
            if (!value_matches(&v->u.list.v[i], n->items[i])) return 0;
        return 1;
    }
    return 0;
}

/* Keys of a mapping, in order, joined by spaces. */
static void keys_of(const struct gl_ynode *m, struct gl_buf *b)
{
    b->len = 0;
    gl_buf_puts(b, "");
    for (size_t i = 0; m && i + 1 < m->n; i += 2) {
        if (i) gl_buf_putc(b, ' ');
        gl_buf_add(b, m->items[i]->str, m->items[i]->len);
    }
}

/* Check every field of the read-back document against doc and store. */
static void verify(const struct gl_doc *doc, const struct gl_store *st,
                   const struct gl_ynode *root)
{
    static const char *const rev[] = {"pending", "accepted", "rejected",
                                      "edited"};
    uint32_t *ids = gl_store_sorted(st);
    uint32_t *rank = xreallocarray(NULL, st->n, sizeof *rank);
    const struct gl_ynode *art = gl_ymap_get(root, "article");
    const struct gl_ynode *anns = gl_ymap_get(root, "annotations");
    struct gl_buf k = {0}, want = {0};
    char hex[65];

    for (size_t r = 0; r < st->n; r++) rank[ids[r]] = (uint32_t)r + 1;
    keys_of(root, &k);
    CHECKF(!strcmp(k.p, "gloss article run annotations"), "%s", k.p);
    CHECK(scu(gl_ymap_get(root, "gloss"), 1));
    keys_of(art, &k);
    CHECKF(!strcmp(k.p, "path sha256 bytes chars lines bom newline"), "%s",
           k.p);
    CHECK(scs(gl_ymap_get(art, "path"), doc->name));
    CHECK(!gl_ymap_get(art, "path")->plain);
    gl_doc_sha256_hex(doc, hex);
    CHECK(scs(gl_ymap_get(art, "sha256"), hex));
    CHECK(scu(gl_ymap_get(art, "bytes"), doc->len));
    CHECK(scu(gl_ymap_get(art, "chars"), doc->nchars));
    CHECK(scu(gl_ymap_get(art, "lines"), doc->nlines));
    CHECK(scs(gl_ymap_get(art, "bom"), doc->body ? "true" : "false"));
    CHECK(anns && anns->kind == GL_Y_SEQ && anns->n == st->n);
    for (size_t r = 0; anns && r < anns->n && r < st->n; r++) {
        const struct gl_ann *a = &st->ann[ids[r]];
        const struct gl_ynode *y = anns->items[r], *links;
        unsigned long line, col;

        want.len = 0;
        gl_buf_puts(&want, "id type text start end byte_start byte_end line "
                           "col");
        if (a->nattrs) gl_buf_puts(&want, " attrs");
        if (a->nlinks) gl_buf_puts(&want, " links");
        if (a->script) gl_buf_puts(&want, " rule");
        gl_buf_puts(&want, " review");
        if (a->note) gl_buf_puts(&want, " note");
        keys_of(y, &k);
        CHECKF(!strcmp(k.p, want.p), "keys '%s', want '%s'", k.p, want.p);
        CHECK(scu(gl_ymap_get(y, "id"), r + 1));
        CHECK(scs(gl_ymap_get(y, "type"), a->type));
        CHECKF(sceq(gl_ymap_get(y, "text"), doc->bytes + a->span.start,
                    gl_span_len(a->span)) &&
               !gl_ymap_get(y, "text")->plain, "text of %zu", r + 1);
        CHECK(scu(gl_ymap_get(y, "start"), gl_doc_cp(doc, a->span.start)));
        CHECK(scu(gl_ymap_get(y, "end"), gl_doc_cp(doc, a->span.end)));
        CHECK(scu(gl_ymap_get(y, "byte_start"), a->span.start));
        CHECK(scu(gl_ymap_get(y, "byte_end"), a->span.end));
        gl_doc_linecol(doc, a->span.start, &line, &col);
        CHECK(scu(gl_ymap_get(y, "line"), line));
        CHECK(scu(gl_ymap_get(y, "col"), col));
        for (size_t i = 0; i < a->nattrs; i++) {
            const struct gl_ynode *attrs = gl_ymap_get(y, "attrs");
            CHECK(attrs && attrs->n == 2 * a->nattrs);
            CHECK(attrs && scs(attrs->items[2 * i], a->attrs[i].key));
            CHECKF(value_matches(&a->attrs[i].val,
                                 gl_ymap_get(attrs, a->attrs[i].key)),
                   "attribute %s of %zu", a->attrs[i].key, r + 1);
        }
        links = gl_ymap_get(y, "links");
        for (size_t i = 0, nroles = 0; i < a->nlinks; i++) {
            const char *role = a->links[i].role;
            const struct gl_ynode *v;
            size_t cnt = 0, seen = 0;
            for (size_t j = 0; j < i; j++) seen |= a->links[j].role == role;
            if (seen) continue;
            CHECK(links && scs(links->items[2 * nroles++], role));
            v = gl_ymap_get(links, role);
            for (size_t j = i; j < a->nlinks; j++) {
                const struct gl_ynode *t;
                if (a->links[j].role != role) continue;
                t = v && v->kind == GL_Y_SEQ
                        ? (cnt < v->n ? v->items[cnt] : NULL) : v;
                CHECKF(scu(t, rank[a->links[j].target]), "link %s of %zu",
                       role, r + 1);
                cnt++;
            }
            CHECK(v && (cnt == 1 ? v->kind == GL_Y_SCALAR
                                 : v->kind == GL_Y_SEQ && v->n == cnt));
        }
        if (a->script) {
            want.len = 0;
            gl_buf_puts(&want, a->script);
            if (a->line) gl_buf_printf(&want, ":%lu", a->line);
            CHECK(scs(gl_ymap_get(y, "rule"), want.p));
        }
        CHECK(scs(gl_ymap_get(y, "review"), rev[a->review]));
        if (a->note) CHECK(scs(gl_ymap_get(y, "note"), a->note));
    }
    gl_buf_free(&k);
    gl_buf_free(&want);
    free(ids);
    free(rank);
}

static struct gl_doc *mkdoc(const char *s, size_t len, const char *name)
{
    struct gl_err err = {0};
    struct gl_doc *d = gl_doc_from_memory(s, len, name, &err);
    CHECKF(d != NULL, "gl_doc_from_memory: %s", err.msg);
    return d;
}

/* Emit, read back, verify; returns the YAML text (caller frees). */
static char *emit_check(const struct gl_doc *d, const struct gl_store *st)
{
    struct gl_buf out = {0};
    struct gl_err err = {0};
    struct gl_ynode *root = NULL;
    int rc = gl_emit_yaml(d, st, &run, 0, to_buf, &out, &err);

    CHECKF(rc == GL_OK, "emit: %s", err.msg);
    gl_buf_puts(&out, "");
    rc = gl_yaml_read(out.p, out.len, "out", &root, &err);
    CHECKF(rc == GL_OK, "read back: %s\n%s", err.msg, out.p);
    if (root) verify(d, st, root);
    gl_ynode_free(root);
    return out.p;
}

/* BOM, CRLF, Arabic, an emoji, quotes. */
static const char article[] =
    "\xEF\xBB\xBF" "Embassy protest\r\n"
    "\r\n"
    "\"\xD8\xB3\xD9\x84\xD8\xA7\xD9\x85 \xF0\x9F\x98\x80,\" said Ali, "
    "\"yes.\"\r\n";

static void test_fields_round_trip(void)
{
    struct gl_doc *d = mkdoc(article, sizeof article - 1, "ex/article.txt");
    struct gl_store st;
    const char *arabic = strstr(article, "\xD8\xB3");
    uint32_t q0 = (uint32_t)(arabic - 1 - article);
    uint32_t ali = (uint32_t)(strstr(article, "Ali") - article);
    long a, b, c, e;
    char *y;

    if (!d) return;
    gl_store_init(&st);
    /* created out of position order so ids get renumbered */
    a = gl_store_add(&st, "speaker", 7, gl_span_make(ali, ali + 3), "s.lua",
                     9);
    b = gl_store_add(&st, "quote", 5,
                     gl_span_make(q0, q0 + 1 + 8 + 1 + 4 + 2), "q.lua", 3);
    c = gl_store_add(&st, "headline", 8, gl_span_make(3, 18), NULL, 0);
    e = gl_store_add(&st, "empty", 5, gl_span_make(ali, ali), "x y.lua", 0);
    set(&st, b, "kind", vstr("direct"));
    set(&st, b, "count", vint(-42));
    set(&st, b, "score", vnum(1.0));
    set(&st, b, "ratio", vnum(0.1));
    set(&st, b, "flag", vbool(1));
    set(&st, b, "off", vbool(0));
    set(&st, b, "twelve", vstr("12"));
    set(&st, b, "yes", vstr("yes"));
    set(&st, b, "nul", vstrn("a\0b", 3));
    set(&st, b, "tags",
        vlist(4, vstr("a"), vstr("b c"), vint(3), vlist(1, vnum(2.5))));
    gl_store_link(&st, (uint32_t)b, "source", 6, (uint32_t)a);
    gl_store_link(&st, (uint32_t)b, "in", 2, (uint32_t)c);
    gl_store_link(&st, (uint32_t)b, "source", 6, (uint32_t)e);
    gl_store_link(&st, (uint32_t)a, "said", 4, (uint32_t)b);
    st.ann[a].review = GL_REVIEW_ACCEPTED;
    st.ann[c].review = GL_REVIEW_EDITED;
    st.ann[b].note = xstrdup("checked against \"the wire\"\n2nd line");

    y = emit_check(d, &st);
    /* spot checks of the representation on top of verify() */
    /* libyaml writes BMP characters as they are but escapes characters
     * outside the BMP (the emoji) in double-quoted scalars */
    CHECKF(strstr(y, "  text: \"\\\"\xD8\xB3\xD9\x84\xD8\xA7\xD9\x85 "
                     "\\U0001F600,\\\"\"\n"), "%s", y);
    CHECK(strstr(y, "    twelve: \"12\"\n") != NULL);
    CHECK(strstr(y, "    yes: \"yes\"\n") == NULL);
    CHECK(strstr(y, "    \"yes\": \"yes\"\n") != NULL);
    CHECK(strstr(y, "    \"off\": false\n") != NULL);
    CHECK(strstr(y, "    score: 1.0\n") != NULL);
    CHECK(strstr(y, "    tags: [a, \"b c\", 3, [2.5]]\n") != NULL);
    CHECK(strstr(y, "    nul: \"a\\0b\"\n") != NULL);
    CHECK(strstr(y, "    source: [3, 4]\n") != NULL);
    CHECK(strstr(y, "    in: 1\n") != NULL);
    CHECK(strstr(y, "  rule: \"x y.lua\"\n") != NULL);
    CHECK(strstr(y, "  text: \"Embassy protest\"\n  start: 1\n  end: 16\n"
                    "  byte_start: 3\n  byte_end: 18\n  line: 1\n  col: 1\n")
          != NULL);
    CHECK(strstr(y, "  bom: true\n  newline: crlf\n") != NULL);
    free(y);
    gl_store_fini(&st);
    gl_doc_free(d);
}

static void test_golden(void)
{
    static const char want[] =
        "gloss: 1\n"
        "article:\n"
        "  path: \"t.txt\"\n"
        "  sha256: "
        "f0132b4a80afcaa3d9ad6399f7bbe59dd2bff315a07dfe55065fd3c6282f8f08\n"
        "  bytes: 12\n"
        "  chars: 12\n"
        "  lines: 2\n"
        "  bom: false\n"
        "  newline: lf\n"
        "run:\n"
        "  gloss: 0.1.0\n"
        "  scripts: [\"preset:quotes\", \"my/script.lua\"]\n"
        "annotations:\n"
        "- id: 1\n"
        "  type: sentence\n"
        "  text: \"\\\"there\\\".\"\n"
        "  start: 3\n"
        "  end: 11\n"
        "  byte_start: 3\n"
        "  byte_end: 11\n"
        "  line: 1\n"
        "  col: 4\n"
        "  review: pending\n"
        "- id: 2\n"
        "  type: quote\n"
        "  text: \"\\\"there\\\"\"\n"
        "  start: 3\n"
        "  end: 10\n"
        "  byte_start: 3\n"
        "  byte_end: 10\n"
        "  line: 1\n"
        "  col: 4\n"
        "  attrs:\n"
        "    kind: direct\n"
        "    \"n\": [1, 2.0, \"no\"]\n"
        "  links:\n"
        "    in: 1\n"
        "  rule: \"q.lua:2\"\n"
        "  review: rejected\n"
        "  note: \"\"\n";
    static const char text[] = "Hi \"there\".\n";
    struct gl_doc *d = mkdoc(text, sizeof text - 1, "t.txt");
    struct gl_store st;
    long q, s;
    char *y;

    if (!d) return;
    gl_store_init(&st);
    s = gl_store_add(&st, "sentence", 8, gl_span_make(3, 11), NULL, 0);
    q = gl_store_add(&st, "quote", 5, gl_span_make(3, 10), "q.lua", 2);
    set(&st, q, "kind", vstr("direct"));
    set(&st, q, "n", vlist(3, vint(1), vnum(2), vstr("no")));
    gl_store_link(&st, (uint32_t)q, "in", 2, (uint32_t)s);
    st.ann[q].review = GL_REVIEW_REJECTED;
    st.ann[q].note = xstrdup("");
    y = emit_check(d, &st);
    CHECKF(!strcmp(y, want), "got:\n%s", y);
    free(y);
    gl_store_fini(&st);
    gl_doc_free(d);
}

static void test_no_annotations_and_stream(void)
{
    static const char text[] = "x";
    struct gl_doc *d = mkdoc(text, 1, "-");
    struct gl_store st;
    struct gl_buf out = {0};
    struct gl_err err = {0};
    struct gl_ynode *root = NULL;

    if (!d) return;
    gl_store_init(&st);
    CHECK(gl_emit_yaml(d, &st, &run, 0, to_buf, &out, &err) == GL_OK);
    CHECK(strstr(out.p, "\nannotations: []\n") != NULL);
    CHECK(strncmp(out.p, "gloss: 1\n", 9) == 0);
    CHECK(strstr(out.p, "  newline: none\n") != NULL);
    out.len = 0;
    CHECK(gl_emit_yaml(d, &st, &run, 1, to_buf, &out, &err) == GL_OK);
    CHECKF(strncmp(out.p, "---\ngloss: 1\n", 13) == 0, "%s", out.p);
    CHECK(out.len > 4 && !strcmp(out.p + out.len - 4, "...\n"));
    CHECK(gl_yaml_read(out.p, out.len, "s", &root, &err) == GL_OK);
    CHECK(root && gl_ymap_get(root, "annotations") &&
          gl_ymap_get(root, "annotations")->kind == GL_Y_SEQ &&
          gl_ymap_get(root, "annotations")->n == 0);
    gl_ynode_free(root);
    root = NULL;
    /* two documents in a stream: the strict reader wants one per file */
    CHECK(gl_emit_yaml(d, &st, &run, 1, to_buf, &out, &err) == GL_OK);
    CHECK(gl_yaml_read(out.p, out.len, "s", &root, &err) == GL_EYAML);
    CHECK(strstr(err.msg, "only one YAML document") != NULL);
    gl_buf_free(&out);
    gl_store_fini(&st);
    gl_doc_free(d);
}

static void test_floats(void)
{
    static const struct { double d; const char *s; } t[] = {
        {1.0, "1.0"},
        {-0.0, "-0.0"},
        {0.1, "0.1"},
        {1e20, "1.0e+20"},
        {1.0 / 3.0, "0.3333333333333333"},
        {9007199254740992.0, "9007199254740992.0"},
        {1.5e-7, "1.5e-07"},
        {123456789.125, "123456789.125"},
        {0.30000000000000004, "0.30000000000000004"},
        {1.7976931348623157e308, "1.7976931348623157e+308"},
    };
    struct gl_doc *d = mkdoc("x", 1, "f");
    struct gl_store st;

    if (!d) return;
    gl_store_init(&st);
    for (size_t i = 0; i < sizeof t / sizeof *t; i++) {
        struct gl_buf out = {0}, want = {0};
        struct gl_err err = {0};
        gl_store_clear(&st);
        gl_store_add(&st, "n", 1, gl_span_make(0, 1), NULL, 0);
        set(&st, 0, "v", vnum(t[i].d));
        CHECK(gl_emit_yaml(d, &st, &run, 0, to_buf, &out, &err) == GL_OK);
        gl_buf_printf(&want, "    v: %s\n", t[i].s);
        CHECKF(out.p && strstr(out.p, want.p), "%zu: want %s in\n%s", i,
               t[i].s, out.p);
        gl_buf_free(&out);
        gl_buf_free(&want);
        free(emit_check(d, &st)); /* strtod round trip, '.' present */
    }
    gl_store_fini(&st);
    gl_doc_free(d);
}

struct reject {
    const char *name;
    const char *key;
    struct gl_value (*make)(void);
    const char *msg;
    size_t offset;
};

static struct gl_value bad_utf8(void) { return vstr("ok\xC3("); }
static struct gl_value surrogate(void) { return vstr("ab\xED\xA0\x80"); }
static struct gl_value nan_num(void) { return vnum(NAN); }
static struct gl_value inf_num(void) { return vnum(-INFINITY); }
static struct gl_value good(void) { return vstr("fine"); }
static struct gl_value bad_in_list(void)
{
    return vlist(2, vstr("fine"), vstr("\xFF"));
}

static const struct reject rejects[] = {
    {"invalid UTF-8", "who", bad_utf8,
     "attribute 'who' of annotation 2 is not valid UTF-8 (byte offset 2)", 2},
    {"surrogate", "s", surrogate,
     "attribute 's' of annotation 2 is not valid UTF-8 (byte offset 2)", 2},
    {"NaN", "score", nan_num,
     "attribute 'score' of annotation 2 is not a finite number (NaN)", 0},
    {"infinity", "x", inf_num,
     "attribute 'x' of annotation 2 is not a finite number (infinity)", 0},
    {"bad list item", "tags", bad_in_list,
     "attribute 'tags' of annotation 2 is not valid UTF-8 (byte offset 0)",
     0},
    {"bad key", "k\xE2\x82", good,
     "an attribute key of annotation 2 is not valid UTF-8 (byte offset 1)",
     1},
};

static void test_rejections(void)
{
    struct gl_doc *d = mkdoc("abc def", 7, "r");

    if (!d) return;
    for (size_t i = 0; i < sizeof rejects / sizeof *rejects; i++) {
        const struct reject *r = &rejects[i];
        struct gl_store st;
        struct gl_buf out = {0};
        struct gl_err err = {0};
        long id;

        gl_store_init(&st);
        id = gl_store_add(&st, "t", 1, gl_span_make(4, 7), NULL, 0);
        gl_store_add(&st, "t", 1, gl_span_make(0, 3), NULL, 0);
        set(&st, id, r->key, r->make());
        CHECKF(gl_emit_yaml(d, &st, &run, 0, to_buf, &out, &err) ==
               GL_EVALUE, "%s", r->name);
        CHECKF(strstr(err.msg, r->msg) != NULL, "%s: '%s'", r->name,
               err.msg);
        CHECKF(err.offset == r->offset, "%s: offset %zu", r->name,
               err.offset);
        /* rejected before writing: no partial document */
        CHECKF(out.len == 0, "%s: wrote %zu bytes", r->name, out.len);
        gl_buf_free(&out);
        gl_store_fini(&st);
    }
    gl_doc_free(d);
}

static void test_other_rejections(void)
{
    struct gl_doc *d = mkdoc("abc def", 7, "r");
    struct gl_store st;
    struct gl_buf out = {0};
    struct gl_err err = {0};

    if (!d) return;
    gl_store_init(&st);
    gl_store_add(&st, "t", 1, gl_span_make(0, 9), NULL, 0);
    CHECK(gl_emit_yaml(d, &st, &run, 0, to_buf, &out, &err) == GL_EVALUE);
    CHECKF(strstr(err.msg, "annotation 1 has an invalid span [0, 9)"), "%s",
           err.msg);
    gl_store_clear(&st);
    gl_store_add(&st, "bad\xC0\xAF", 5, gl_span_make(0, 3), NULL, 0);
    CHECK(gl_emit_yaml(d, &st, &run, 0, to_buf, &out, &err) == GL_EVALUE);
    CHECKF(strstr(err.msg, "the type of annotation 1 is not valid UTF-8 "
                           "(byte offset 3)"), "%s", err.msg);
    gl_store_clear(&st);
    gl_store_add(&st, "t", 1, gl_span_make(0, 3), NULL, 0);
    st.ann[0].note = xstrdup("\xF4\x90\x80\x80");
    CHECK(gl_emit_yaml(d, &st, &run, 0, to_buf, &out, &err) == GL_EVALUE);
    CHECKF(strstr(err.msg, "the note of annotation 1 is not valid UTF-8"),
           "%s", err.msg);
    CHECK(out.len == 0);
    gl_store_clear(&st);
    gl_store_add(&st, "t", 1, gl_span_make(0, 3), NULL, 0);
    CHECK(gl_emit_yaml(d, &st, &run, 0, failing, NULL, &err) == GL_EIO);
    CHECKF(strstr(err.msg, "cannot write"), "%s", err.msg);
    gl_buf_free(&out);
    gl_store_fini(&st);
    gl_doc_free(d);
}

/* ---- randomized round trip ------------------------------------------- */

static uint32_t lcg_state = 12345;

static uint32_t lcg(void)
{
    lcg_state = lcg_state * 1103515245u + 12345u;
    return lcg_state >> 8;
}

static const char *const pieces[] = {
    "\"", "'", "\\", "\\n", ": ", ":", "# ", "#", " ", "  ", "- ", "-",
    "{", "}", "[", "]", ",", "&a", "*a", "!tag", "!!str", "%", "@", "`",
    "|", ">", "?", "yes", "No", "ON", "y", "~", "null", "Null", "true",
    "0x1F", "012", "1_000", ".inf", "-.Inf", ".NaN", "1e3", "2024-01-02",
    "---", "...", "\t", "\r", "\n", "\r\n", "\xC2\x85", "\xE2\x80\xA8",
    "\xE2\x80\xA9", "\xEF\xBB\xBF", "\xF0\x9F\x98\x80", "e\xCC\x81",
    "\xD9\x8E", "\x01", "\x07", "\x1B", "\x7F", "\xC2\x9F", "\xC2\xA0",
    "\xEF\xBF\xBE", "\xEF\xBF\xBF", "\xF4\x8F\xBF\xBF", "word", "a",
    "plain-ok", "x.y/z", "=", "<<", "\xD8\xB3\xD9\x84\xD8\xA7\xD9\x85",
};

static size_t random_string(char *buf, size_t cap)
{
    size_t n = 0, k = lcg() % 7;

    for (size_t i = 0; i < k; i++) {
        const char *p = pieces[lcg() % (sizeof pieces / sizeof *pieces)];
        size_t l = strlen(p);
        if (n + l >= cap) break;
        memcpy(buf + n, p, l);
        n += l;
    }
    buf[n] = '\0';
    return n;
}

static void test_random_attr_values(void)
{
    struct gl_doc *d = mkdoc("text", 4, "rnd");
    struct gl_store st;
    char buf[256];
    int quoted = 0;

    if (!d) return;
    gl_store_init(&st);
    for (int iter = 0; iter < 500; iter++) {
        size_t n1, n2, n3;
        gl_store_clear(&st);
        gl_store_add(&st, "t", 1, gl_span_make(0, 4), NULL, 0);
        for (int k = 0; k < 6; k++) {
            char key[16];
            size_t n = random_string(buf, sizeof buf);
            snprintf(key, sizeof key, "v%d", k);
            set(&st, 0, key, vstrn(buf, n));
            quoted += !plain_string_ok(buf, n);
        }
        n1 = random_string(buf, 80);
        n2 = random_string(buf + 80, 80);
        n3 = random_string(buf + 160, 80);
        set(&st, 0, "list", vlist(3, vstrn(buf, n1), vstrn(buf + 80, n2),
                                  vstrn(buf + 160, n3)));
        /* random strings as keys too */
        {
            size_t n = random_string(buf, sizeof buf);
            struct gl_value b = vbool(iter & 1);
            gl_store_set_attr(&st, 0, buf, n, &b);
        }
        free(emit_check(d, &st));
    }
    CHECK(quoted > 1000); /* the palette really exercises quoting */
    gl_store_fini(&st);
    gl_doc_free(d);
}

static void test_random_article_text(void)
{
    char buf[512];

    for (int iter = 0; iter < 2500; iter++) {
        size_t n = random_string(buf, sizeof buf);
        struct gl_err err = {0};
        struct gl_doc *d;
        struct gl_store st;

        n += random_string(buf + n, sizeof buf - n);
        if (n == 0) continue;
        d = gl_doc_from_memory(buf, n, "rnd.txt", &err);
        CHECKF(d != NULL, "iter %d: %s", iter, err.msg);
        if (!d) continue;
        gl_store_init(&st);
        /* whole body and, when it splits on a boundary, its halves */
        gl_store_add(&st, "all", 3, gl_span_make(d->body, (uint32_t)n), NULL,
                     0);
        for (uint32_t mid = d->body + (uint32_t)(n - d->body) / 2; mid < n;
             mid++) {
            if (gl_doc_span_ok(d, d->body, mid)) {
                gl_store_add(&st, "half", 4, gl_span_make(d->body, mid),
                             NULL, 0);
                gl_store_add(&st, "half", 4, gl_span_make(mid, (uint32_t)n),
                             NULL, 0);
                break;
            }
        }
        free(emit_check(d, &st));
        gl_store_fini(&st);
        gl_doc_free(d);
    }
}

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
    RUN(test_fields_round_trip);
    RUN(test_golden);
    RUN(test_no_annotations_and_stream);
    RUN(test_floats);
    RUN(test_rejections);
    RUN(test_other_rejections);
    RUN(test_random_attr_values);
    RUN(test_random_article_text);
    RUN(test_same_as_libyaml_random);
    RUN(test_same_as_libyaml_keys);
    RUN(test_key_memo_lookalikes);
    RUN(test_integer_magnitudes);
    RUN(test_write_error_midway);
    RUN(test_same_as_libyaml_every_code_point);
    return check_done();
}

/* test_emit.c - unit tests of the YAML writer (core/emit.c): every field
 * read back through the strict reader, one byte-exact golden document,
 * rejections and a randomized round-trip of tricky strings. The writer
 * compared with libyaml is test_emit_libyaml.c. */
#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "emit_fix.h"
#include "doc.h"
#include "emit.h"
#include "explain.h"
#include "utf8.h"
#include "util.h"
#include "yread.h"

static int failing(void *ctx, const char *p, size_t n)
{
    (void)ctx, (void)p, (void)n;
    return -1;
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
    return check_done();
}

/* fuzz_emit.c - fuzz target for the YAML writer (core/emit.c) against the
 * strict reader (core/yread.c): an article, a NUL, then bytes that drive a
 * store (spans snapped to character boundaries, names and strings taken
 * raw). What the writer accepts the reader must read back with the same
 * text; what it refuses must be refused as GL_EVALUE. Test layer. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "emit.h"
#include "store.h"
#include "utf8.h"
#include "util.h"
#include "yread.h"

#define MAX_INPUT ((size_t)1 << 20)
#define MAX_ANN 64
#define MAX_NEST 80 /* deeper than the writer allows, so the limit is hit */

#define REQUIRE(c)                                                        \
    do {                                                                  \
        if (!(c)) {                                                       \
            fprintf(stderr, "fuzz_emit: invariant failed: %s (%s:%d)\n", \
                    #c, __FILE__, __LINE__);                              \
            abort();                                                      \
        }                                                                 \
    } while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The control bytes, read front to back; zeros once they run out. */
struct in {
    const uint8_t *p;
    size_t n;
};

static unsigned get8(struct in *r)
{
    if (!r->n) return 0;
    r->n--;
    return *r->p++;
}

static unsigned get16(struct in *r)
{
    unsigned hi = get8(r);
    return hi << 8 | get8(r);
}

/* A length byte (0..31) then that many raw bytes; *len set, not copied. */
static const char *getstr(struct in *r, size_t *len)
{
    size_t n = get8(r) % 32;
    const char *s = (const char *)r->p;

    if (n > r->n) n = r->n;
    r->p += n, r->n -= n;
    *len = n;
    return s;
}

/* A name stored NUL-terminated by the store (script, note): cut at a NUL. */
static char *getcstr(struct in *r)
{
    size_t n;
    const char *s = getstr(r, &n);

    return xmemdup(s, n);
}

static void getvalue(struct in *r, struct gl_value *v, int depth)
{
    uint64_t bits = 0;
    size_t n;
    const char *s;

    memset(v, 0, sizeof *v);
    switch (get8(r) % 5) {
    case 0:
        v->t = GL_V_BOOL;
        v->u.b = (int)(get8(r) & 1);
        break;
    case 1:
        v->t = GL_V_INT;
        for (int i = 0; i < 8; i++) bits = bits << 8 | get8(r);
        v->u.i = (int64_t)bits;
        break;
    case 2:
        v->t = GL_V_NUM;
        for (int i = 0; i < 8; i++) bits = bits << 8 | get8(r);
        memcpy(&v->u.n, &bits, sizeof v->u.n);
        break;
    case 3:
        v->t = GL_V_STR;
        s = getstr(r, &n);
        v->u.s.p = xmemdup(s, n);
        v->u.s.len = n;
        break;
    default:
        v->t = GL_V_LIST;
        n = depth < MAX_NEST ? get8(r) % 4 : 0;
        v->u.list.n = n;
        v->u.list.v = n ? xcalloc(n, sizeof *v->u.list.v) : NULL;
        for (size_t i = 0; i < n; i++)
            getvalue(r, &v->u.list.v[i], depth + 1);
        break;
    }
}

/* The oracle: what the writer must refuse, worked out independently from
 * the final store (later calls may have replaced a bad value). */
static int bad_str(const char *s, size_t n)
{
    return !gl_utf8_valid(s, n, NULL);
}

static int bad_value(const struct gl_value *v, int depth)
{
    switch (v->t) {
    case GL_V_NUM:
        return !isfinite(v->u.n);
    case GL_V_STR:
        return bad_str(v->u.s.p, v->u.s.len);
    case GL_V_LIST:
        /* attrs sit 4 levels down and the reader stops at its max depth */
        if (depth >= GL_YAML_MAX_DEPTH - 4) return 1;
        for (size_t i = 0; i < v->u.list.n; i++)
            if (bad_value(&v->u.list.v[i], depth + 1)) return 1;
        return 0;
    default:
        return 0;
    }
}

static int bad_store(const struct gl_store *st, const struct gl_run_info *run)
{
    for (size_t i = 0; i < run->nscripts; i++)
        if (bad_str(run->scripts[i], strlen(run->scripts[i]))) return 1;
    for (size_t i = 0; i < st->n; i++) {
        const struct gl_ann *a = &st->ann[i];
        if (bad_str(a->type, strlen(a->type)) ||
            (a->script && bad_str(a->script, strlen(a->script))) ||
            (a->note && bad_str(a->note, strlen(a->note))))
            return 1;
        /* names are written up to a NUL: two that differ only after one
         * would be a duplicate key */
        for (size_t j = 0; j < a->nattrs; j++) {
            if (bad_str(a->attrs[j].key, strlen(a->attrs[j].key)) ||
                bad_value(&a->attrs[j].val, 0))
                return 1;
            for (size_t m = 0; m < j; m++)
                if (!strcmp(a->attrs[m].key, a->attrs[j].key)) return 1;
        }
        for (size_t j = 0; j < a->nlinks; j++) {
            if (bad_str(a->links[j].role, strlen(a->links[j].role))) return 1;
            for (size_t m = 0; m < j; m++)
                if (a->links[m].role != a->links[j].role &&
                    !strcmp(a->links[m].role, a->links[j].role))
                    return 1;
        }
    }
    return 0;
}

/* Move an offset down to a character boundary outside the BOM. */
static uint32_t snap(const struct gl_doc *d, size_t at)
{
    at %= d->len + 1;
    while (at > d->body && !gl_utf8_is_boundary(d->bytes, d->len, at)) at--;
    if (at < d->body) at = d->body;
    return (uint32_t)at;
}

/* Each op is a byte, then an annotation id byte (once one exists), then:
 * 0 add: start16 end16 [script] type line; 1, 2 set attribute: key value;
 * 3 link: role target; 4 note: text; 5 review: state. */
static void build(struct in *r, const struct gl_doc *d, struct gl_store *st)
{
    while (r->n && st->n < MAX_ANN) {
        unsigned op = get8(r) % 6;
        uint32_t id = st->n ? (uint32_t)(get8(r) % st->n) : 0;
        struct gl_value v;
        const char *s;
        size_t n;

        if (op == 0 || !st->n) {
            uint32_t a = snap(d, get16(r)), b = snap(d, get16(r));
            char *script = get8(r) & 1 ? getcstr(r) : NULL;
            s = getstr(r, &n);
            gl_store_add(st, s, n, gl_span_make(a < b ? a : b, a < b ? b : a),
                         script, get8(r));
            free(script);
        } else if (op == 1 || op == 2) {
            s = getstr(r, &n);
            getvalue(r, &v, 0);
            gl_store_set_attr(st, id, s, n, &v);
        } else if (op == 3) {
            s = getstr(r, &n);
            gl_store_link(st, id, s, n, (uint32_t)(get8(r) % st->n));
        } else if (op == 4) {
            free(st->ann[id].note);
            st->ann[id].note = getcstr(r);
        } else {
            st->ann[id].review = (enum gl_review)(get8(r) % 4);
        }
    }
}

/* The output buffer; writes fail from byte fail_at on when it is set. */
struct sink {
    struct gl_buf b;
    size_t fail_at;
};

static int sink_write(void *ctx, const char *p, size_t n)
{
    struct sink *k = ctx;

    if (k->fail_at && k->b.len + n >= k->fail_at) return 1;
    gl_buf_add(&k->b, p, n);
    return 0;
}

static unsigned long num_of(const struct gl_ynode *n)
{
    unsigned long v = 0;

    REQUIRE(n && n->kind == GL_Y_SCALAR && n->plain && n->len > 0);
    for (size_t i = 0; i < n->len; i++) {
        REQUIRE(n->str[i] >= '0' && n->str[i] <= '9');
        v = v * 10 + (unsigned long)(n->str[i] - '0');
    }
    return v;
}

static int same_str(const struct gl_ynode *n, const char *s, size_t len)
{
    return n && n->kind == GL_Y_SCALAR && n->len == len &&
           memcmp(n->str, s, len) == 0;
}

/* The file read back describes this article and these annotations. */
static void check_output(const struct gl_doc *d, const struct gl_store *st,
                         const struct gl_ynode *root)
{
    const struct gl_ynode *anns = gl_ymap_get(root, "annotations");
    uint32_t *ids = gl_store_sorted(st);

    REQUIRE(num_of(gl_ymap_get(root, "gloss")) == GL_SCHEMA_VERSION);
    REQUIRE(num_of(gl_ymap_get(gl_ymap_get(root, "article"), "bytes")) ==
            d->len);
    REQUIRE(anns && anns->kind == GL_Y_SEQ && anns->n == st->n);
    for (size_t r = 0; r < st->n; r++) {
        const struct gl_ann *a = &st->ann[ids[r]];
        const struct gl_ynode *it = anns->items[r], *attrs;
        REQUIRE(num_of(gl_ymap_get(it, "id")) == r + 1);
        REQUIRE(same_str(gl_ymap_get(it, "type"), a->type, strlen(a->type)));
        REQUIRE(num_of(gl_ymap_get(it, "byte_start")) == a->span.start);
        REQUIRE(num_of(gl_ymap_get(it, "byte_end")) == a->span.end);
        REQUIRE(num_of(gl_ymap_get(it, "start")) ==
                gl_doc_cp(d, a->span.start));
        REQUIRE(same_str(gl_ymap_get(it, "text"), d->bytes + a->span.start,
                         gl_span_len(a->span)));
        attrs = gl_ymap_get(it, "attrs");
        REQUIRE(!attrs == !a->nattrs);
        for (size_t i = 0; i < a->nattrs; i++) {
            const struct gl_value *v = &a->attrs[i].val;
            const struct gl_ynode *got = gl_ymap_get(attrs, a->attrs[i].key);
            REQUIRE(got != NULL);
            if (v->t == GL_V_STR)
                REQUIRE(same_str(got, v->u.s.p, v->u.s.len));
        }
        if (a->note)
            REQUIRE(same_str(gl_ymap_get(it, "note"), a->note,
                             strlen(a->note)));
    }
    free(ids);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *nul = memchr(data, '\0', size);
    const char *scripts[1];
    struct gl_run_info run;
    struct gl_store st;
    struct gl_doc *d;
    struct gl_err err;
    struct sink k;
    struct in r;
    unsigned mode;
    size_t alen;
    int rc, bad;

    if (size > MAX_INPUT || !nul) return 0;
    alen = (size_t)(nul - (const char *)data);
    d = gl_doc_from_memory((const char *)data, alen, "fuzz.txt", NULL);
    if (!d) return 0;
    r.p = (const uint8_t *)nul + 1;
    r.n = size - d->len - 1;
    /* mode bits: 1 one script in the run block (named by the next bytes),
     * 2 stream markers, 4 the writer fails after the next 16-bit count */
    mode = get8(&r);
    gl_store_init(&st);
    run.gloss_version = "0.1.0";
    run.scripts = scripts;
    run.nscripts = mode & 1;
    scripts[0] = run.nscripts ? getcstr(&r) : NULL;
    memset(&k, 0, sizeof k);
    if (mode & 4) k.fail_at = 1 + get16(&r);
    build(&r, d, &st);
    bad = bad_store(&st, &run);

    memset(&err, 0, sizeof err);
    rc = gl_emit_yaml(d, &st, &run, (mode & 2) != 0, sink_write, &k, &err);
    if (rc != GL_OK) {
        REQUIRE(err.code == rc);
        if (bad) REQUIRE(rc == GL_EVALUE);
        else REQUIRE(rc == GL_EIO && k.fail_at);
        /* a store the writer refuses produces no bytes at all */
        if (rc == GL_EVALUE) REQUIRE(k.b.len == 0);
    } else {
        struct gl_ynode *root = NULL;
        REQUIRE(!bad);
        memset(&err, 0, sizeof err);
        rc = gl_yaml_read(k.b.p, k.b.len, "out", &root, &err);
        if (rc != GL_OK) {
            fprintf(stderr, "fuzz_emit: output not readable: %s\n---\n%.*s\n",
                    err.msg, (int)k.b.len, k.b.p);
            abort();
        }
        check_output(d, &st, root);
        gl_ynode_free(root);
    }
    gl_buf_free(&k.b);
    free((char *)scripts[0]);
    gl_store_fini(&st);
    gl_doc_free(d);
    return 0;
}

#include "standalone.h"

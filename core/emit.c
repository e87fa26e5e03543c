/* emit.c - one article's annotations as a YAML document. Core layer. The
 * format (key order, quoting) is the schema in annotations/SCHEMA.md;
 * change both together.
 *
 * Everything is validated in a first pass so a rejected store writes no
 * bytes at all; the second pass writes the text straight into a buffer
 * (ywrite.c), laid out byte for byte as libyaml 0.2.5's emitter lays out
 * the same events with our settings (indent 2, no width limit, unicode,
 * LF). That emitter cost a malloc per scalar; tests/unit/emit_ref.c keeps
 * it as the oracle the unit tests compare against. */
#include "emit.h"

#include <inttypes.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "utf8.h"
#include "yform.h"
#include "util.h"
#include "yread.h"
#include "ywrite.h"

/* Attribute lists sit under root > annotations > annotation > attrs, and
 * the reader refuses deeper files, so deeper lists could not come back. */
#define MAX_LIST_DEPTH (GL_YAML_MAX_DEPTH - 4)

/* ---- pass 1: validation ---------------------------------------------- */

/* A short printable form of a key for messages (keys are valid UTF-8 by
 * the time this is called; cut on a character boundary). */
static const char *shown(const char *s, char buf[72])
{
    size_t n = strlen(s);

    if (n <= 64) return s;
    n = 64;
    while (n && !gl_utf8_is_boundary(s, strlen(s), n)) n--;
    memcpy(buf, s, n);
    memcpy(buf + n, "...", 4);
    return buf;
}

/* Validate one string; `what` names it in the message, e.g. "the type". */
static int str_ok(const char *s, size_t len, const char *what,
                  unsigned long rank, struct gl_err *err)
{
    size_t bad = 0;

    if (len > INT_MAX)
        return gl_err_set(err, GL_EVALUE, 0, "%s of annotation %lu is too "
                          "long to write", what, rank);
    if (!gl_utf8_valid(s, len, &bad)) {
        if (rank)
            return gl_err_set(err, GL_EVALUE, bad, "%s of annotation %lu "
                              "is not valid UTF-8 (byte offset %zu)", what,
                              rank, bad);
        return gl_err_set(err, GL_EVALUE, bad, "%s is not valid UTF-8 "
                          "(byte offset %zu)", what, bad);
    }
    return GL_OK;
}

/* "attribute 'key'" for messages; made only on failure, as it costs a
 * printf per value otherwise. */
static const char *attr_what(const char *key, char what[128])
{
    char b[72];

    snprintf(what, 128, "attribute '%s'", shown(key, b));
    return what;
}

static int value_ok(const struct gl_value *v, const char *key,
                    unsigned long rank, int depth, struct gl_err *err)
{
    char what[128];

    switch (v->t) {
    case GL_V_BOOL:
    case GL_V_INT:
        return GL_OK;
    case GL_V_NUM:
        if (isfinite(v->u.n)) return GL_OK;
        return gl_err_set(err, GL_EVALUE, 0, "%s of annotation %lu is not a "
                          "finite number (%s)", attr_what(key, what), rank,
                          isnan(v->u.n) ? "NaN" : "infinity");
    case GL_V_STR:
        if (v->u.s.len <= INT_MAX && gl_utf8_valid(v->u.s.p, v->u.s.len, NULL))
            return GL_OK;
        return str_ok(v->u.s.p, v->u.s.len, attr_what(key, what), rank, err);
    case GL_V_LIST:
        if (depth >= MAX_LIST_DEPTH)
            return gl_err_set(err, GL_EVALUE, 0, "%s of annotation %lu nests "
                              "lists more than %d deep", attr_what(key, what),
                              rank, MAX_LIST_DEPTH);
        for (size_t i = 0; i < v->u.list.n; i++) {
            int rc = value_ok(&v->u.list.v[i], key, rank, depth + 1, err);
            if (rc) return rc;
        }
        return GL_OK;
    }
    return gl_err_set(err, GL_EVALUE, 0, "%s of annotation %lu has an "
                      "unknown value type %d", attr_what(key, what), rank,
                      (int)v->t);
}

static int ann_ok(const struct gl_doc *doc, const struct gl_store *st,
                  const struct gl_ann *a, unsigned long rank,
                  struct gl_err *err)
{
    char b[72];
    int rc;

    if (!gl_doc_span_ok(doc, a->span.start, a->span.end))
        return gl_err_set(err, GL_EVALUE, a->span.start, "annotation %lu has "
                          "an invalid span [%" PRIu32 ", %" PRIu32 ") for "
                          "this article", rank, a->span.start, a->span.end);
    if ((rc = str_ok(a->type, strlen(a->type), "the type", rank, err)))
        return rc;
    if ((rc = str_ok(doc->bytes + a->span.start, gl_span_len(a->span),
                     "the text", rank, err)))
        return rc;
    for (size_t i = 0; i < a->nattrs; i++) {
        const char *k = a->attrs[i].key;
        if ((rc = str_ok(k, strlen(k), "an attribute key", rank, err)))
            return rc;
        if ((rc = value_ok(&a->attrs[i].val, k, rank, 0, err))) return rc;
        /* Names are written up to their first NUL, so "a\0x" and "a\0y"
         * (distinct in the store) would become a duplicate key the reader
         * refuses. Keys are sorted, so such twins are neighbours. */
        if (i && strcmp(a->attrs[i - 1].key, k) == 0)
            return gl_err_set(err, GL_EVALUE, 0, "annotation %lu has two "
                              "attributes written as '%s' (a name with a "
                              "NUL byte)", rank, shown(k, b));
    }
    for (size_t i = 0; i < a->nlinks; i++) {
        const char *r = a->links[i].role;
        if ((rc = str_ok(r, strlen(r), "a link role", rank, err))) return rc;
        if (a->links[i].target >= st->n)
            return gl_err_set(err, GL_EVALUE, 0, "annotation %lu links to a "
                              "missing annotation", rank);
        /* the same for roles, which are interned by their full length;
         * checked at each role's first use, as links() scans them */
        for (size_t j = 0; j < i && a->links[j].role != r; j++)
            if (strcmp(a->links[j].role, r) == 0)
                return gl_err_set(err, GL_EVALUE, 0, "annotation %lu has two "
                                  "link roles written as '%s' (a name with a "
                                  "NUL byte)", rank, shown(r, b));
    }
    if (a->script &&
        (rc = str_ok(a->script, strlen(a->script), "the script name", rank,
                     err)))
        return rc;
    if (a->note && (rc = str_ok(a->note, strlen(a->note), "the note", rank,
                                err)))
        return rc;
    if ((unsigned)a->review > GL_REVIEW_EDITED)
        return gl_err_set(err, GL_EVALUE, 0, "annotation %lu has an unknown "
                          "review state", rank);
    return GL_OK;
}

static int espan_ok(const struct gl_espan *sp, const char *what,
                   unsigned long rank, struct gl_err *err)
{
    if (sp->start > sp->end)
        return gl_err_set(err, GL_EVALUE, 0, "%s of annotation %lu ends "
                          "before it starts", what, rank);
    return str_ok(sp->text, sp->len, what, rank, err);
}

/* Every string of a why or near miss, so a bad one writes nothing. */
static int why_ok(const struct gl_why *w, unsigned long rank,
                  struct gl_err *err)
{
    const char *s[] = {w->origin.match, w->origin.pattern, w->origin.lexicon,
                       w->origin.entry, w->origin.at, w->note};
    int rc;

    for (size_t i = 0; i < sizeof s / sizeof *s; i++)
        if (s[i] && (rc = str_ok(s[i], strlen(s[i]), "the why", rank, err)))
            return rc;
    for (size_t i = 0; i < w->nev; i++)
        if ((rc = str_ok(w->ev[i].role, strlen(w->ev[i].role),
                         "an evidence role", rank, err)) ||
            (rc = espan_ok(&w->ev[i].sp, "an evidence span", rank, err)))
            return rc;
    return GL_OK;
}

static int explain_ok(const struct gl_explain *ex, const uint32_t *ids,
                      size_t n, struct gl_err *err)
{
    int rc;

    for (size_t r = 0; r < n; r++) {
        const struct gl_why *w = gl_explain_get(ex, ids[r]);
        if (w && (rc = why_ok(w, (unsigned long)r + 1, err))) return rc;
    }
    for (size_t i = 0; i < ex->nnear; i++) {
        const struct gl_near *m = &ex->near[i];
        if ((rc = espan_ok(&m->sp, "a near miss", 0, err)) ||
            (rc = str_ok(m->reason, strlen(m->reason), "a near miss reason",
                         0, err)) ||
            (m->rule && (rc = str_ok(m->rule, strlen(m->rule),
                                     "a near miss rule", 0, err))))
            return rc;
    }
    return GL_OK;
}

static int all_ok(const struct gl_doc *doc, const struct gl_store *st,
                  const struct gl_run_info *run, const struct gl_explain *ex,
                  const uint32_t *ids, struct gl_err *err)
{
    int rc;

    if ((rc = str_ok(doc->name, strlen(doc->name), "the article path", 0,
                     err)))
        return rc;
    if (run && run->gloss_version &&
        (rc = str_ok(run->gloss_version, strlen(run->gloss_version),
                     "the gloss version", 0, err)))
        return rc;
    for (size_t i = 0; run && i < run->nscripts; i++)
        if ((rc = str_ok(run->scripts[i], strlen(run->scripts[i]),
                         "a script name", 0, err)))
            return rc;
    for (size_t r = 0; r < st->n; r++)
        if ((rc = ann_ok(doc, st, &st->ann[ids[r]], (unsigned long)r + 1,
                         err)))
            return rc;
    if (ex) return explain_ok(ex, ids, st->n, err);
    return GL_OK;
}

/* ---- pass 2: text ---------------------------------------------------- */

/* The layout is libyaml's for these events: block mappings indented by 2,
 * the annotation list not indented under its key, "- " opening each
 * item, lists and evidence spans in flow style, empty lists as [], each
 * line ended as soon as its value is written. */

#define LIT(w, s) gl_yw_put((w), (s), sizeof(s) - 1)

static void pad(struct gl_yw *w, int n)
{
    memset(gl_yw_room(w, (size_t)n), ' ', (size_t)n);
    w->len += (size_t)n;
}

/* A free-form name or value: plain when safe, else double-quoted. */
static void str(struct gl_yw *w, const char *s, size_t len)
{
    if (gl_yform_plain_ok(s, len)) gl_yw_put(w, s, len);
    else gl_yw_quoted(w, s, len);
}

static void num_nl(struct gl_yw *w, uint64_t v)
{
    gl_yw_u64(w, v);
    LIT(w, "\n");
}

static void quoted_nl(struct gl_yw *w, const char *s, size_t len)
{
    gl_yw_quoted(w, s, len);
    LIT(w, "\n");
}

/* A name as a block mapping key, up to its ':'. libyaml writes a key over
 * 128 bytes or with a line break as "? key", its ':' on the next line. */
static void key(struct gl_yw *w, int indent, const char *s, size_t len)
{
    pad(w, indent);
    if (gl_yw_simple_key(s, len)) {
        str(w, s, len);
        LIT(w, ":");
        return;
    }
    LIT(w, "? ");
    str(w, s, len);
    LIT(w, "\n");
    pad(w, indent);
    LIT(w, ":");
}

/* Types, attribute keys and link roles recur in every annotation of an
 * article, so how each is written is worked out once per name and
 * article. Types and roles are interned (the same pointer each time);
 * attribute keys are copies, so a slot is found by the name's length and
 * end bytes and confirmed by its bytes. A miss just works it out again,
 * and every memorised pointer stays valid while the store is written. */
#define MEMO 64
struct memo {
    const char *p[MEMO];
    size_t len[MEMO];
    unsigned char how[MEMO]; /* bit 0: plain scalar; bit 1: simple key */
};

static unsigned how_written(struct memo *m, const char *s, size_t len)
{
    /* s[0] and s[len - 1] (or the NUL) exist whatever the length */
    size_t i = (len * 7 + (unsigned char)s[0] * 3 +
                (unsigned char)s[len ? len - 1 : 0]) % MEMO;

    if (m->p[i] != s &&
        !(m->p[i] && m->len[i] == len && memcmp(m->p[i], s, len) == 0)) {
        m->p[i] = s;
        m->len[i] = len;
        m->how[i] = (unsigned char)(gl_yform_plain_ok(s, len) |
                                    gl_yw_simple_key(s, len) << 1);
    }
    return m->how[i];
}

/* str() and key() for a type, attribute key or link role. */
static void name_str(struct gl_yw *w, struct memo *m, const char *s)
{
    size_t len = strlen(s);

    if (how_written(m, s, len) & 1) gl_yw_put(w, s, len);
    else gl_yw_quoted(w, s, len);
}

static void name_key(struct gl_yw *w, struct memo *m, int indent,
                     const char *s)
{
    size_t len = strlen(s);

    if (how_written(m, s, len) == 3) {
        pad(w, indent);
        gl_yw_put(w, s, len);
        LIT(w, ":");
        return;
    }
    key(w, indent, s, len);
}

static void value(struct gl_yw *w, const struct gl_value *v)
{
    char b[48];

    switch (v->t) {
    case GL_V_BOOL:
        if (v->u.b) LIT(w, "true");
        else LIT(w, "false");
        return;
    case GL_V_INT:
        if (v->u.i < 0) LIT(w, "-");
        gl_yw_u64(w, v->u.i < 0 ? 0 - (uint64_t)v->u.i : (uint64_t)v->u.i);
        return;
    case GL_V_NUM:
        gl_yform_fmt_num(v->u.n, b);
        gl_yw_put(w, b, strlen(b));
        return;
    case GL_V_STR:
        str(w, v->u.s.p, v->u.s.len);
        return;
    case GL_V_LIST:
        LIT(w, "[");
        for (size_t i = 0; i < v->u.list.n; i++) {
            if (i) LIT(w, ", ");
            value(w, &v->u.list.v[i]);
        }
        LIT(w, "]");
        return;
    }
}

/* links: one key per role in first-made order; one target is a number,
 * several are a flow list, all renumbered to output ids. */
static void links(struct gl_yw *w, struct memo *m, const struct gl_ann *a,
                  const uint32_t *rank)
{
    if (!a->nlinks) return;
    LIT(w, "  links:\n");
    for (size_t i = 0; i < a->nlinks; i++) {
        const char *role = a->links[i].role;
        size_t count = 0, seen = 0;

        for (size_t j = 0; j < i && !seen; j++)
            seen = a->links[j].role == role;
        if (seen) continue;
        for (size_t j = i; j < a->nlinks; j++)
            count += a->links[j].role == role;
        name_key(w, m, 4, role);
        LIT(w, " ");
        if (count == 1) {
            num_nl(w, rank[a->links[i].target]);
            continue;
        }
        LIT(w, "[");
        for (size_t j = i, k = 0; j < a->nlinks; j++) {
            if (a->links[j].role != role) continue;
            if (k++) LIT(w, ", ");
            gl_yw_u64(w, rank[a->links[j].target]);
        }
        LIT(w, "]\n");
    }
}

/* `k` carries its indent and colon; q: always quoted, else str(). */
static void opt_field(struct gl_yw *w, const char *k, const char *v, int q)
{
    if (!v) return;
    gl_yw_put(w, k, strlen(k));
    LIT(w, " ");
    if (q) gl_yw_quoted(w, v, strlen(v));
    else str(w, v, strlen(v));
    LIT(w, "\n");
}

static void why_block(struct gl_yw *w, const struct gl_why *y)
{
    const struct gl_origin *o = &y->origin;

    /* never empty (gl_explain_get), so never libyaml's flow-style {} */
    LIT(w, "  why:\n");
    opt_field(w, "    match:", o->match, 0);
    opt_field(w, "    pattern:", o->pattern, 1);
    opt_field(w, "    lexicon:", o->lexicon, 1);
    opt_field(w, "    entry:", o->entry, 1);
    opt_field(w, "    at:", o->at, 1);
    if (y->nev) {
        LIT(w, "    evidence:\n");
        for (size_t i = 0; i < y->nev; i++) {
            const struct gl_evidence *ev = &y->ev[i];
            key(w, 6, ev->role, strlen(ev->role));
            LIT(w, " {text: ");
            gl_yw_quoted(w, ev->sp.text, ev->sp.len);
            LIT(w, ", start: ");
            gl_yw_u64(w, ev->sp.start);
            LIT(w, ", end: ");
            gl_yw_u64(w, ev->sp.end);
            LIT(w, "}\n");
        }
    }
    opt_field(w, "    note:", y->note, 1);
}

static void near_misses(struct gl_yw *w, const struct gl_explain *ex)
{
    if (!ex->nnear) {
        LIT(w, "near_misses: []\n");
        return;
    }
    LIT(w, "near_misses:\n");
    for (size_t i = 0; i < ex->nnear; i++) {
        const struct gl_near *m = &ex->near[i];
        LIT(w, "- text: ");
        quoted_nl(w, m->sp.text, m->sp.len);
        LIT(w, "  start: ");
        num_nl(w, m->sp.start);
        LIT(w, "  end: ");
        num_nl(w, m->sp.end);
        LIT(w, "  line: ");
        num_nl(w, m->line);
        LIT(w, "  col: ");
        num_nl(w, m->col);
        LIT(w, "  reason: ");
        quoted_nl(w, m->reason, strlen(m->reason));
        opt_field(w, "  rule:", m->rule, 1);
    }
}

static void annotation(struct gl_yw *w, struct memo *m,
                       const struct gl_doc *doc, const struct gl_ann *a,
                       uint32_t id, const uint32_t *rank,
                       const struct gl_explain *ex)
{
    static const char *const review[] = {"pending\n", "accepted\n",
                                         "rejected\n", "edited\n"};
    const struct gl_why *why = gl_explain_get(ex, id);
    unsigned long line = 0, col = 0;

    gl_doc_linecol(doc, a->span.start, &line, &col);
    LIT(w, "- id: ");
    num_nl(w, rank[id]);
    LIT(w, "  type: ");
    name_str(w, m, a->type);
    LIT(w, "\n  text: ");
    quoted_nl(w, doc->bytes + a->span.start, gl_span_len(a->span));
    LIT(w, "  start: ");
    num_nl(w, gl_doc_cp(doc, a->span.start));
    LIT(w, "  end: ");
    num_nl(w, gl_doc_cp(doc, a->span.end));
    LIT(w, "  byte_start: ");
    num_nl(w, a->span.start);
    LIT(w, "  byte_end: ");
    num_nl(w, a->span.end);
    LIT(w, "  line: ");
    num_nl(w, line);
    LIT(w, "  col: ");
    num_nl(w, col);
    if (a->nattrs) {
        LIT(w, "  attrs:\n");
        for (size_t i = 0; i < a->nattrs; i++) {
            name_key(w, m, 4, a->attrs[i].key);
            LIT(w, " ");
            value(w, &a->attrs[i].val);
            LIT(w, "\n");
        }
    }
    links(w, m, a, rank);
    if (a->script) {
        /* "script:line" quoted: ':' and digits are never escaped, so
         * they can follow the quoted script name before its last quote */
        LIT(w, "  rule: ");
        gl_yw_quoted(w, a->script, strlen(a->script));
        if (a->line) {
            w->len--;
            LIT(w, ":");
            gl_yw_u64(w, a->line);
            LIT(w, "\"");
        }
        LIT(w, "\n");
    }
    if (why) why_block(w, why);
    LIT(w, "  review: ");
    gl_yw_put(w, review[a->review], strlen(review[a->review]));
    if (a->note) {
        LIT(w, "  note: ");
        quoted_nl(w, a->note, strlen(a->note));
    }
}

static void article(struct gl_yw *w, const struct gl_doc *doc)
{
    static const char *const nl[] = {"none", "lf", "crlf", "cr", "mixed"};
    const char *n = (unsigned)doc->newline <= GL_NL_MIXED ? nl[doc->newline]
                                                           : "mixed";
    char hex[65];

    gl_doc_sha256_hex(doc, hex);
    LIT(w, "article:\n  path: ");
    quoted_nl(w, doc->name, strlen(doc->name));
    LIT(w, "  sha256: ");
    if (gl_yform_hex_plain_ok(hex)) gl_yw_put(w, hex, 64);
    else gl_yw_quoted(w, hex, 64);
    LIT(w, "\n  bytes: ");
    num_nl(w, doc->len);
    LIT(w, "  chars: ");
    num_nl(w, doc->nchars);
    LIT(w, "  lines: ");
    num_nl(w, doc->nlines);
    if (doc->body) LIT(w, "  bom: true\n");
    else LIT(w, "  bom: false\n");
    LIT(w, "  newline: ");
    gl_yw_put(w, n, strlen(n));
    LIT(w, "\n");
}

static void run_block(struct gl_yw *w, const struct gl_run_info *run)
{
    const char *v = run && run->gloss_version ? run->gloss_version : "";
    size_t n = strlen(v);

    LIT(w, "run:\n  gloss: ");
    if (gl_yform_plain_ok(v, n) || gl_yform_version_ok(v)) gl_yw_put(w, v, n);
    else gl_yw_quoted(w, v, n);
    LIT(w, "\n  scripts: [");
    for (size_t i = 0; run && i < run->nscripts; i++) {
        if (i) LIT(w, ", ");
        gl_yw_quoted(w, run->scripts[i], strlen(run->scripts[i]));
    }
    LIT(w, "]\n");
}

static void document(struct gl_yw *w, const struct gl_doc *doc,
                     const struct gl_store *st, const struct gl_run_info *run,
                     const struct gl_explain *ex, int stream,
                     const uint32_t *ids, const uint32_t *rank)
{
    struct memo memo;

    memset(&memo, 0, sizeof memo);
    if (stream) LIT(w, "---\n");
    LIT(w, "gloss: ");
    num_nl(w, GL_SCHEMA_VERSION);
    article(w, doc);
    run_block(w, run);
    if (!st->n) LIT(w, "annotations: []\n");
    else LIT(w, "annotations:\n");
    for (size_t r = 0; r < st->n; r++)
        annotation(w, &memo, doc, &st->ann[ids[r]], ids[r], rank, ex);
    if (ex) near_misses(w, ex);
    if (stream) LIT(w, "...\n");
}

int gl_emit_yaml(const struct gl_doc *doc, const struct gl_store *st,
                 const struct gl_run_info *run, int stream, gl_write_fn write,
                 void *ctx, struct gl_err *err)
{
    return gl_emit_yaml_explain(doc, st, run, NULL, stream, write, ctx, err);
}

int gl_emit_yaml_explain(const struct gl_doc *doc, const struct gl_store *st,
                         const struct gl_run_info *run,
                         const struct gl_explain *ex, int stream,
                         gl_write_fn write, void *ctx, struct gl_err *err)
{
    uint32_t *ids = gl_store_sorted(st);
    uint32_t *rank = xreallocarray(NULL, st->n, sizeof *rank);
    struct gl_yw w;
    int rc;

    for (size_t r = 0; r < st->n; r++) rank[ids[r]] = (uint32_t)r + 1;
    rc = all_ok(doc, st, run, ex, ids, err);
    if (!rc) {
        gl_yw_init(&w, write, ctx);
        document(&w, doc, st, run, ex, stream, ids, rank);
        if (gl_yw_flush(&w))
            rc = gl_err_set(err, GL_EIO, 0, "cannot write the YAML output");
        gl_yw_free(&w);
    }
    free(ids);
    free(rank);
    return rc;
}

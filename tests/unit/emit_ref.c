/* emit_ref.c - the reference YAML writer the unit tests compare core/emit.c
 * against: gloss's former writer, which builds the document as libyaml
 * events and lets libyaml's emitter lay it out. Test code only; it skips
 * the validation pass (inputs must be valid) but makes every quoting
 * decision exactly as emit.c does. */
#include "emit_ref.h"

#include <inttypes.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "util.h"
#include "yform.h"

struct em {
    yaml_emitter_t y;
    gl_write_fn write;
    void *ctx;
    int wfail;
};

/* ---- pass 2: events -------------------------------------------------- */

static int out_fn(void *data, unsigned char *buf, size_t n)
{
    struct em *e = data;

    if (e->write(e->ctx, (const char *)buf, n)) {
        e->wfail = 1;
        return 0;
    }
    return 1;
}

/* The emitter owns the event from here, even when it fails. */
static int put(struct em *e, yaml_event_t *ev, int made)
{
    if (!made) return -1;
    return yaml_emitter_emit(&e->y, ev) ? 0 : -1;
}

static int scalar(struct em *e, const char *s, size_t len, int quoted)
{
    yaml_event_t ev;

    return put(e, &ev, yaml_scalar_event_initialize(
                           &ev, NULL, NULL, (const yaml_char_t *)s, (int)len,
                           1, 1,
                           quoted ? YAML_DOUBLE_QUOTED_SCALAR_STYLE
                                  : YAML_PLAIN_SCALAR_STYLE));
}

static int plain(struct em *e, const char *s)
{
    return scalar(e, s, strlen(s), 0);
}

static int quoted(struct em *e, const char *s, size_t len)
{
    return scalar(e, s, len, 1);
}

/* A free-form name or value: plain when safe, else double-quoted. */
static int str(struct em *e, const char *s, size_t len)
{
    return scalar(e, s, len, !gl_yform_plain_ok(s, len));
}

static int num(struct em *e, uint64_t v)
{
    char b[24];
    snprintf(b, sizeof b, "%" PRIu64, v);
    return plain(e, b);
}

static int map_start(struct em *e)
{
    yaml_event_t ev;
    return put(e, &ev, yaml_mapping_start_event_initialize(
                           &ev, NULL, NULL, 1, YAML_BLOCK_MAPPING_STYLE));
}

static int flow_map_start(struct em *e)
{
    yaml_event_t ev;
    return put(e, &ev, yaml_mapping_start_event_initialize(
                           &ev, NULL, NULL, 1, YAML_FLOW_MAPPING_STYLE));
}

static int map_end(struct em *e)
{
    yaml_event_t ev;
    return put(e, &ev, yaml_mapping_end_event_initialize(&ev));
}

static int seq_start(struct em *e, int flow)
{
    yaml_event_t ev;
    return put(e, &ev, yaml_sequence_start_event_initialize(
                           &ev, NULL, NULL, 1,
                           flow ? YAML_FLOW_SEQUENCE_STYLE
                                : YAML_BLOCK_SEQUENCE_STYLE));
}

static int seq_end(struct em *e)
{
    yaml_event_t ev;
    return put(e, &ev, yaml_sequence_end_event_initialize(&ev));
}

static int value(struct em *e, const struct gl_value *v)
{
    char b[48];

    switch (v->t) {
    case GL_V_BOOL:
        return plain(e, v->u.b ? "true" : "false");
    case GL_V_INT:
        snprintf(b, sizeof b, "%" PRId64, v->u.i);
        return plain(e, b);
    case GL_V_NUM:
        gl_yform_fmt_num(v->u.n, b);
        return plain(e, b);
    case GL_V_STR:
        return str(e, v->u.s.p, v->u.s.len);
    case GL_V_LIST:
        if (seq_start(e, 1)) return -1;
        for (size_t i = 0; i < v->u.list.n; i++)
            if (value(e, &v->u.list.v[i])) return -1;
        return seq_end(e);
    }
    return -1; /* rejected in pass 1 */
}

/* links: one key per role in first-made order; one target is a number,
 * several are a flow list, all renumbered to output ids. */
static int links(struct em *e, const struct gl_ann *a, const uint32_t *rank)
{
    if (!a->nlinks) return 0;
    if (plain(e, "links") || map_start(e)) return -1;
    for (size_t i = 0; i < a->nlinks; i++) {
        const char *role = a->links[i].role;
        size_t count = 0, seen = 0;

        for (size_t j = 0; j < i && !seen; j++)
            seen = a->links[j].role == role;
        if (seen) continue;
        for (size_t j = i; j < a->nlinks; j++)
            count += a->links[j].role == role;
        if (str(e, role, strlen(role))) return -1;
        if (count == 1) {
            if (num(e, rank[a->links[i].target])) return -1;
            continue;
        }
        if (seq_start(e, 1)) return -1;
        for (size_t j = i; j < a->nlinks; j++)
            if (a->links[j].role == role &&
                num(e, rank[a->links[j].target]))
                return -1;
        if (seq_end(e)) return -1;
    }
    return map_end(e);
}

/* {text, start, end}: an evidence span in code points, like annotations */
static int espan(struct em *e, const struct gl_espan *sp)
{
    return flow_map_start(e) || plain(e, "text") ||
           quoted(e, sp->text, sp->len) || plain(e, "start") ||
           num(e, sp->start) || plain(e, "end") || num(e, sp->end) ||
           map_end(e);
}

static int opt_field(struct em *e, const char *key, const char *v, int q)
{
    if (!v) return 0;
    return plain(e, key) || (q ? quoted(e, v, strlen(v))
                               : str(e, v, strlen(v)));
}

static int why_block(struct em *e, const struct gl_why *w)
{
    const struct gl_origin *o = &w->origin;

    if (plain(e, "why") || map_start(e) ||
        opt_field(e, "match", o->match, 0) ||
        opt_field(e, "pattern", o->pattern, 1) ||
        opt_field(e, "lexicon", o->lexicon, 1) ||
        opt_field(e, "entry", o->entry, 1) || opt_field(e, "at", o->at, 1))
        return -1;
    if (w->nev) {
        if (plain(e, "evidence") || map_start(e)) return -1;
        for (size_t i = 0; i < w->nev; i++)
            if (str(e, w->ev[i].role, strlen(w->ev[i].role)) ||
                espan(e, &w->ev[i].sp))
                return -1;
        if (map_end(e)) return -1;
    }
    return opt_field(e, "note", w->note, 1) || map_end(e);
}

static int near_misses(struct em *e, const struct gl_explain *ex)
{
    if (plain(e, "near_misses") || seq_start(e, ex->nnear == 0)) return -1;
    for (size_t i = 0; i < ex->nnear; i++) {
        const struct gl_near *m = &ex->near[i];
        if (map_start(e) || plain(e, "text") ||
            quoted(e, m->sp.text, m->sp.len) || plain(e, "start") ||
            num(e, m->sp.start) || plain(e, "end") || num(e, m->sp.end) ||
            plain(e, "line") || num(e, m->line) || plain(e, "col") ||
            num(e, m->col) || plain(e, "reason") ||
            quoted(e, m->reason, strlen(m->reason)) ||
            opt_field(e, "rule", m->rule, 1) || map_end(e))
            return -1;
    }
    return seq_end(e);
}

static int annotation(struct em *e, const struct gl_doc *doc,
                      const struct gl_ann *a, uint32_t id,
                      const uint32_t *rank, const struct gl_explain *ex)
{
    const struct gl_why *w = gl_explain_get(ex, id);
    static const char *const review[] = {"pending", "accepted", "rejected",
                                         "edited"};
    unsigned long line = 0, col = 0;

    gl_doc_linecol(doc, a->span.start, &line, &col);
    if (map_start(e) || plain(e, "id") || num(e, rank[id]) ||
        plain(e, "type") || str(e, a->type, strlen(a->type)) ||
        plain(e, "text") ||
        quoted(e, doc->bytes + a->span.start, gl_span_len(a->span)) ||
        plain(e, "start") || num(e, gl_doc_cp(doc, a->span.start)) ||
        plain(e, "end") || num(e, gl_doc_cp(doc, a->span.end)) ||
        plain(e, "byte_start") || num(e, a->span.start) ||
        plain(e, "byte_end") || num(e, a->span.end) ||
        plain(e, "line") || num(e, line) || plain(e, "col") || num(e, col))
        return -1;
    if (a->nattrs) {
        if (plain(e, "attrs") || map_start(e)) return -1;
        for (size_t i = 0; i < a->nattrs; i++)
            if (str(e, a->attrs[i].key, strlen(a->attrs[i].key)) ||
                value(e, &a->attrs[i].val))
                return -1;
        if (map_end(e)) return -1;
    }
    if (links(e, a, rank)) return -1;
    if (a->script) {
        struct gl_buf rule = {0};
        int rc;
        gl_buf_puts(&rule, a->script);
        if (a->line) gl_buf_printf(&rule, ":%lu", a->line);
        rc = plain(e, "rule") || quoted(e, rule.p, rule.len);
        gl_buf_free(&rule);
        if (rc) return -1;
    }
    if (w && why_block(e, w)) return -1;
    if (plain(e, "review") || plain(e, review[a->review])) return -1;
    if (a->note && (plain(e, "note") || quoted(e, a->note, strlen(a->note))))
        return -1;
    return map_end(e);
}

static int article(struct em *e, const struct gl_doc *doc)
{
    static const char *const nl[] = {"none", "lf", "crlf", "cr", "mixed"};
    char hex[65];

    gl_doc_sha256_hex(doc, hex);
    return plain(e, "article") || map_start(e) || plain(e, "path") ||
           quoted(e, doc->name, strlen(doc->name)) || plain(e, "sha256") ||
           scalar(e, hex, 64, !gl_yform_hex_plain_ok(hex)) || plain(e, "bytes") ||
           num(e, doc->len) || plain(e, "chars") || num(e, doc->nchars) ||
           plain(e, "lines") || num(e, doc->nlines) || plain(e, "bom") ||
           plain(e, doc->body ? "true" : "false") || plain(e, "newline") ||
           plain(e, (unsigned)doc->newline <= GL_NL_MIXED
                        ? nl[doc->newline] : "mixed") ||
           map_end(e);
}

static int run_block(struct em *e, const struct gl_run_info *run)
{
    const char *v = run && run->gloss_version ? run->gloss_version : "";

    if (plain(e, "run") || map_start(e) || plain(e, "gloss") ||
        scalar(e, v, strlen(v), !gl_yform_plain_ok(v, strlen(v)) && !gl_yform_version_ok(v)) ||
        plain(e, "scripts") || seq_start(e, 1))
        return -1;
    for (size_t i = 0; run && i < run->nscripts; i++)
        if (quoted(e, run->scripts[i], strlen(run->scripts[i]))) return -1;
    return seq_end(e) || map_end(e);
}

static int document(struct em *e, const struct gl_doc *doc,
                    const struct gl_store *st, const struct gl_run_info *run,
                    const struct gl_explain *ex, int stream,
                    const uint32_t *ids, const uint32_t *rank)
{
    yaml_event_t ev;
    char ver[8];

    snprintf(ver, sizeof ver, "%d", GL_SCHEMA_VERSION);
    if (put(e, &ev, yaml_stream_start_event_initialize(&ev,
                                                       YAML_UTF8_ENCODING)) ||
        put(e, &ev, yaml_document_start_event_initialize(&ev, NULL, NULL,
                                                         NULL, !stream)) ||
        map_start(e) || plain(e, "gloss") || plain(e, ver) ||
        article(e, doc) || run_block(e, run) || plain(e, "annotations") ||
        seq_start(e, st->n == 0))
        return -1;
    for (size_t r = 0; r < st->n; r++)
        if (annotation(e, doc, &st->ann[ids[r]], ids[r], rank, ex))
            return -1;
    if (seq_end(e) || (ex && near_misses(e, ex)))
        return -1;
    return map_end(e) ||
           put(e, &ev, yaml_document_end_event_initialize(&ev, !stream)) ||
           put(e, &ev, yaml_stream_end_event_initialize(&ev)) ||
           !yaml_emitter_flush(&e->y);
}

int gl_emit_ref_yaml(const struct gl_doc *doc, const struct gl_store *st,
                     const struct gl_run_info *run,
                     const struct gl_explain *ex, int stream,
                     gl_write_fn write, void *ctx, struct gl_err *err)
{
    uint32_t *ids = gl_store_sorted(st);
    uint32_t *rank = xreallocarray(NULL, st->n, sizeof *rank);
    struct em e;
    int rc;

    rc = GL_OK;
    for (size_t r = 0; r < st->n; r++) rank[ids[r]] = (uint32_t)r + 1;

    memset(&e, 0, sizeof e);
    e.write = write;
    e.ctx = ctx;
    if (!yaml_emitter_initialize(&e.y)) {
        rc = gl_err_set(err, GL_EVALUE, 0, "cannot start the YAML writer");
        goto done;
    }
    yaml_emitter_set_output(&e.y, out_fn, &e);
    yaml_emitter_set_unicode(&e.y, 1);
    yaml_emitter_set_width(&e.y, -1);
    yaml_emitter_set_indent(&e.y, 2);
    yaml_emitter_set_break(&e.y, YAML_LN_BREAK);
    yaml_emitter_set_canonical(&e.y, 0);
    if (document(&e, doc, st, run, ex, stream, ids, rank)) {
        if (e.wfail)
            rc = gl_err_set(err, GL_EIO, 0, "cannot write the YAML output");
        else
            rc = gl_err_set(err, GL_EVALUE, 0, "the YAML writer failed: %s",
                            e.y.problem ? e.y.problem : "unknown error");
    }
    yaml_emitter_delete(&e.y);
done:
    free(ids);
    free(rank);
    return rc;
}

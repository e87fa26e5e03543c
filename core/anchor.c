/* anchor.c - re-anchoring annotations in a changed article by their text,
 * the text around it in the old article, and their old position (see
 * anchor.h for the rules). Core layer. */
#include "anchor.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "utf8.h"
#include "util.h"

#define IS_CONT(c) ((((unsigned char)(c)) & 0xC0) == 0x80)

struct cands {
    uint32_t *v;
    size_t n, cap;
};

static void push(struct cands *c, uint32_t at)
{
    GL_GROW(c->v, c->cap, c->n + 1);
    c->v[c->n++] = at;
}

/* Every start offset (on a character boundary, outside the BOM) where
 * text occurs; overlapping occurrences count. */
static void occurrences(const struct gl_doc *doc, const char *text,
                        size_t tlen, struct cands *out)
{
    const char *b = doc->bytes;
    size_t i = doc->body;

    if (tlen == 0 || tlen > doc->len) return;
    while (i + tlen <= doc->len) {
        const char *p = memchr(b + i, text[0], doc->len - tlen + 1 - i);
        if (!p) break;
        i = (size_t)(p - b);
        if (!memcmp(p, text, tlen) && !IS_CONT(b[i]) &&
            gl_utf8_is_boundary(b, doc->len, i + tlen))
            push(out, (uint32_t)i);
        i++;
    }
}

void gl_anchor_context(const struct gl_doc *old, struct gl_span sp,
                       struct gl_anchor_ctx *ctx)
{
    size_t i = sp.start, n = 0;

    while (i > old->body && n < GL_ANCHOR_CONTEXT) {
        i--;
        while (i > old->body && IS_CONT(old->bytes[i])) i--;
        n++;
    }
    ctx->pre = old->bytes + i;
    ctx->npre = sp.start - i;
    ctx->cpre = n;
    i = sp.end, n = 0;
    while (i < old->len && n < GL_ANCHOR_CONTEXT) {
        i++;
        while (i < old->len && IS_CONT(old->bytes[i])) i++;
        n++;
    }
    ctx->post = old->bytes + sp.end;
    ctx->npost = i - sp.end;
    ctx->cpost = n;
}

/* How much of the old context a candidate [s,e) keeps: code points
 * matched on both sides (*score) and the number of sides kept whole. */
static int tier(const struct gl_doc *doc, uint32_t s, uint32_t e,
                const struct gl_anchor_ctx *c, size_t *score)
{
    const char *b = doc->bytes;
    size_t k = 0, cps = 0;
    int whole = 0;

    while (k < c->npre && s - k > doc->body &&
           b[s - 1 - k] == c->pre[c->npre - 1 - k])
        k++;
    for (size_t j = c->npre - k; j < c->npre; j++) cps += !IS_CONT(c->pre[j]);
    /* a side that reached the old article's edge must reach the new one's */
    if (k == c->npre && (c->cpre == GL_ANCHOR_CONTEXT || s - k == doc->body))
        whole++;
    *score = cps;
    k = cps = 0;
    while (k < c->npost && e + k < doc->len && b[e + k] == c->post[k]) k++;
    for (size_t j = 0; j < k; j++) cps += !IS_CONT(c->post[j]);
    if (k < c->npost && IS_CONT(c->post[k]) && cps) cps--;
    if (k == c->npost && (c->cpost == GL_ANCHOR_CONTEXT || e + k == doc->len))
        whole++;
    *score += cps;
    return whole;
}

static uint32_t gap(uint32_t a, uint32_t b)
{
    return a > b ? a - b : b - a;
}

/* Keep only the candidates nearest to `at`. */
static void nearest(struct cands *c, uint32_t at)
{
    uint32_t best = UINT32_MAX;
    size_t n = 0;

    for (size_t i = 0; i < c->n; i++)
        if (gap(c->v[i], at) < best) best = gap(c->v[i], at);
    for (size_t i = 0; i < c->n; i++)
        if (gap(c->v[i], at) == best) c->v[n++] = c->v[i];
    c->n = n;
}

/* With context: the candidates that fit best (see anchor.h). */
static void by_context(const struct gl_doc *doc, size_t tlen,
                       const struct gl_span *hint,
                       const struct gl_anchor_ctx *ctx, struct cands *c)
{
    size_t *score = xcalloc(c->n, sizeof *score), best = 0, second = 0;
    int *t = xcalloc(c->n, sizeof *t), top = 0;
    size_t n = 0, nbest = 0;

    for (size_t i = 0; i < c->n; i++) {
        t[i] = tier(doc, c->v[i], c->v[i] + (uint32_t)tlen, ctx, &score[i]);
        if (t[i] > top) top = t[i];
    }
    for (size_t i = 0; i < c->n; i++)
        if (t[i] == top) c->v[n] = c->v[i], score[n] = score[i], n++;
    c->n = n;
    /* a short text whose surroundings all changed is a coincidence, not
     * the annotation ("said" of a deleted sentence is not the "said" of
     * the next one); a long text is context enough by itself */
    if (top == 0 && tlen < GL_ANCHOR_CONTEXT) {
        n = 0;
        for (size_t i = 0; i < c->n; i++)
            if (score[i] >= GL_ANCHOR_CONTEXT / 4)
                c->v[n] = c->v[i], score[n] = score[i], n++;
        c->n = n;
    }
    for (size_t i = 0; i < n; i++)
        if (score[i] > best) best = score[i];
    for (size_t i = 0; i < n; i++) {
        if (score[i] == best) nbest++;
        else if (score[i] > second) second = score[i];
    }
    /* one clear winner: the best, with the runner-up keeping under half as
     * much context; otherwise context does not decide */
    if (nbest == 1 && second * 2 <= best) {
        for (size_t i = 0; i < n; i++)
            if (score[i] == best) c->v[0] = c->v[i];
        c->n = 1;
    } else if (top == 2 && nbest == n && hint) {
        nearest(c, hint->start); /* a repeated passage, context and all */
    }
    free(score);
    free(t);
}

static void decide(struct gl_anchor *res, struct cands *c, size_t tlen,
                   const struct gl_span *hint, enum gl_anchor_status found)
{
    if (c->n == 0) {
        res->status = GL_ANCHOR_LOST;
        free(c->v);
    } else if (c->n == 1) {
        res->span = gl_span_make(c->v[0], c->v[0] + (uint32_t)tlen);
        res->status = found;
        if (hint && found == GL_ANCHOR_MOVED &&
            res->span.start == hint->start && res->span.end == hint->end)
            res->status = GL_ANCHOR_UNCHANGED;
        free(c->v);
    } else {
        res->status = GL_ANCHOR_AMBIGUOUS;
        res->cand = c->v;
        res->ncand = c->n;
    }
}

static int text_at(const struct gl_doc *doc, const char *text, size_t tlen,
                   struct gl_span sp)
{
    return gl_doc_span_ok(doc, sp.start, sp.end) && gl_span_len(sp) == tlen &&
           !memcmp(doc->bytes + sp.start, text, tlen);
}

void gl_anchor_text(const struct gl_doc *doc, const char *text, size_t tlen,
                    const struct gl_span *hint,
                    const struct gl_anchor_ctx *ctx, struct gl_anchor *res)
{
    struct cands c = {0};

    memset(res, 0, sizeof *res);
    if (hint && text_at(doc, text, tlen, *hint)) {
        /* still in place, and (with context) with all of its context: no
         * other occurrence can do better, so skip the scan */
        size_t score;
        if (!ctx || tier(doc, hint->start, hint->end, ctx, &score) == 2) {
            res->status = GL_ANCHOR_UNCHANGED;
            res->span = *hint;
            return;
        }
    }
    if (tlen == 0) {
        /* an empty span has no text to look for: only its place counts */
        if (hint && text_at(doc, text, 0, *hint)) push(&c, hint->start);
    } else {
        occurrences(doc, text, tlen, &c);
    }
    if (ctx && c.n > 0) {
        by_context(doc, tlen, hint, ctx, &c);
    } else if (!ctx && hint && text_at(doc, text, tlen, *hint)) {
        c.v[0] = hint->start;
        c.n = 1;
    } else if (!ctx && hint && c.n > 1) {
        nearest(&c, hint->start);
    }
    decide(res, &c, tlen, hint, GL_ANCHOR_MOVED);
}

/* Byte offset of line:col (1-based, col in code points), or SIZE_MAX. */
static size_t at_linecol(const struct gl_doc *doc, unsigned long line,
                         unsigned long col)
{
    size_t i;

    if (line == 0 || line > doc->nlines || col == 0) return SIZE_MAX;
    i = doc->line_start[line - 1];
    while (--col) {
        if (i >= doc->len || doc->bytes[i] == '\n' || doc->bytes[i] == '\r')
            return SIZE_MAX;
        i++;
        while (i < doc->len && IS_CONT(doc->bytes[i])) i++;
    }
    return i;
}

void gl_anchor_place(const struct gl_doc *doc, const char *text, size_t tlen,
                     unsigned long line, unsigned long col,
                     struct gl_anchor *res)
{
    struct cands c = {0};
    size_t at = at_linecol(doc, line, col);

    memset(res, 0, sizeof *res);
    occurrences(doc, text, tlen, &c);
    if (at != SIZE_MAX && text_at(doc, text, tlen,
                                  gl_span_make((uint32_t)at,
                                               (uint32_t)(at + tlen)))) {
        c.v[0] = (uint32_t)at;
        c.n = 1;
    } else if (c.n > 1 && line) {
        size_t n = 0;
        for (size_t i = 0; i < c.n; i++) {
            unsigned long l, k;
            gl_doc_linecol(doc, c.v[i], &l, &k);
            n += l == line;
        }
        if (n) { /* several on that line stay ambiguous, but fewer */
            size_t j = 0;
            for (size_t i = 0; i < c.n; i++) {
                unsigned long l, k;
                gl_doc_linecol(doc, c.v[i], &l, &k);
                if (l == line) c.v[j++] = c.v[i];
            }
            c.n = j;
        }
    }
    decide(res, &c, tlen, NULL, GL_ANCHOR_PLACED);
}

static void stale_add(struct gl_anchor *res, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static void stale_add(struct gl_anchor *res, const char *fmt, ...)
{
    size_t n = strlen(res->stale);
    va_list ap;

    if (n && n + 2 < sizeof res->stale)
        memcpy(res->stale + n, ", ", 3), n += 2;
    va_start(ap, fmt);
    vsnprintf(res->stale + n, sizeof res->stale - n, fmt, ap);
    va_end(ap);
}

/* Fields the annotation gives that disagree with its place in doc. */
static void check_fields(const struct gl_af_ann *a, const struct gl_doc *doc,
                         struct gl_anchor *res)
{
    unsigned long line, col;
    size_t cs = gl_doc_cp(doc, res->span.start);
    size_t ce = gl_doc_cp(doc, res->span.end);

    gl_doc_linecol(doc, res->span.start, &line, &col);
    if (!(a->has & GL_AF_BYTES))
        stale_add(res, "no byte_start/byte_end");
    if (!(a->has & GL_AF_START))
        stale_add(res, "no start/end");
    if ((a->has & GL_AF_START) && a->start != cs)
        stale_add(res, "start is %lu, should be %zu",
                  (unsigned long)a->start, cs);
    if ((a->has & GL_AF_START) && a->end != ce)
        stale_add(res, "end is %lu, should be %zu", (unsigned long)a->end, ce);
    if (!(a->has & GL_AF_LINE))
        stale_add(res, "no line/col");
    else if (a->line != line)
        stale_add(res, "line is %lu, should be %lu", a->line, line);
    if ((a->has & GL_AF_LINE) && !(a->has & GL_AF_COL))
        stale_add(res, "no col");
    else if ((a->has & GL_AF_COL) && a->col != col)
        stale_add(res, "col is %lu, should be %lu", a->col, col);
}

static void anchor_one(const struct gl_af_ann *a, const struct gl_doc *doc,
                       const struct gl_doc *old, int same,
                       struct gl_anchor *res)
{
    const struct gl_doc *ref = same ? doc : old ? old : doc;
    struct gl_anchor_ctx ctx;
    struct gl_span hint;
    int use_ctx = 0;

    if (!(a->has & (GL_AF_BYTES | GL_AF_START))) {
        gl_anchor_place(doc, a->text, a->tlen, a->line, a->col, res);
        return;
    }
    if (a->has & GL_AF_BYTES) {
        hint = gl_span_make(a->byte_start, a->byte_end);
    } else {
        /* characters -> bytes in the article they were counted in */
        hint = gl_span_make((uint32_t)gl_doc_byte(ref, a->start),
                            (uint32_t)gl_doc_byte(ref, a->end));
    }
    if (!same && old && text_at(old, a->text, a->tlen, hint)) {
        gl_anchor_context(old, hint, &ctx);
        use_ctx = 1;
    }
    gl_anchor_text(doc, a->text, a->tlen, &hint, use_ctx ? &ctx : NULL, res);
    if (res->status == GL_ANCHOR_UNCHANGED) check_fields(a, doc, res);
}

static int placed(const struct gl_anchor *r)
{
    return r->status == GL_ANCHOR_UNCHANGED || r->status == GL_ANCHOR_MOVED ||
           r->status == GL_ANCHOR_PLACED;
}

/* How many times (0, 1 or 2 meaning "several") text occurs in doc. */
static int occurs(const struct gl_doc *doc, const char *t, size_t n)
{
    const char *p = doc->bytes, *end = doc->bytes + doc->len;
    int k = 0;

    if (!n) return 2;
    while (k < 2 && (size_t)(end - p) >= n &&
           (p = memchr(p, t[0], (size_t)(end - p) - n + 1)) != NULL) {
        if (!memcmp(p, t, n)) k++;
        p++;
    }
    return k;
}

/* Without the old article, a text that occurs several times ("said") is
 * matched to the occurrence nearest its old offset, which is wrong as
 * soon as text was inserted above it. Annotations whose text occurs once
 * in the new article are placed for sure and tell how far their part of
 * the article moved: each repeated text is looked up again at its old
 * offset shifted by the move of the nearest sure annotation. */
static void refine_by_shift(const struct gl_annfile *f, const struct gl_doc *doc,
                            struct gl_anchor *res)
{
    char *sure = xcalloc(f->n + 1, 1);

    for (size_t i = 0; i < f->n; i++)
        sure[i] = (f->ann[i].has & GL_AF_BYTES) && placed(&res[i]) &&
                  occurs(doc, f->ann[i].text, f->ann[i].tlen) == 1;
    for (size_t i = 0; i < f->n; i++) {
        const struct gl_af_ann *a = &f->ann[i];
        size_t best = (size_t)-1, gap = (size_t)-1;
        struct gl_anchor r;
        struct gl_span hint;
        long long delta;

        if (sure[i] || !(a->has & GL_AF_BYTES)) continue;
        if (occurs(doc, a->text, a->tlen) < 2) continue;
        for (size_t j = 0; j < f->n; j++) {
            size_t d;
            if (!sure[j]) continue;
            d = f->ann[j].byte_start > a->byte_start
                    ? f->ann[j].byte_start - a->byte_start
                    : a->byte_start - f->ann[j].byte_start;
            if (d < gap) gap = d, best = j;
        }
        if (best == (size_t)-1) continue;
        delta = (long long)res[best].span.start -
                (long long)f->ann[best].byte_start;
        if ((long long)a->byte_start + delta < 0 ||
            (long long)a->byte_end + delta > (long long)doc->len)
            continue;
        hint = gl_span_make((uint32_t)((long long)a->byte_start + delta),
                            (uint32_t)((long long)a->byte_end + delta));
        memset(&r, 0, sizeof r);
        gl_anchor_text(doc, a->text, a->tlen, &hint, NULL, &r);
        if (!placed(&r)) {
            gl_anchor_fini(&r);
            continue;
        }
        r.status = r.span.start != a->byte_start || r.span.end != a->byte_end
                       ? GL_ANCHOR_MOVED
                       : GL_ANCHOR_UNCHANGED;
        gl_anchor_fini(&res[i]);
        res[i] = r;
    }
    free(sure);
}

void gl_anchor_file(const struct gl_annfile *f, const struct gl_doc *doc,
                    const struct gl_doc *old, struct gl_anchor *res)
{
    char hex[65];
    int same;

    gl_doc_sha256_hex(doc, hex);
    same = strcmp(hex, f->article.sha256) == 0;
    for (size_t i = 0; i < f->n; i++)
        anchor_one(&f->ann[i], doc, old, same, &res[i]);
    if (!same && !old) refine_by_shift(f, doc, res);
}

void gl_anchor_fini(struct gl_anchor *res)
{
    free(res->cand);
    res->cand = NULL;
    res->ncand = 0;
}

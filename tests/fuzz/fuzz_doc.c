/* fuzz_doc.c - fuzz target for article loading (core/doc.c) and the
 * segmentation and quotations it runs: any bytes in, and when they load,
 * every structural invariant of the document is checked. Test layer. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "utf8.h"

#define MAX_INPUT ((size_t)1 << 20)

#define REQUIRE(c)                                                        \
    do {                                                                  \
        if (!(c)) {                                                       \
            fprintf(stderr, "fuzz_doc: invariant failed: %s (%s:%d)\n",  \
                    #c, __FILE__, __LINE__);                              \
            abort();                                                      \
        }                                                                 \
    } while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int bnd(const struct gl_doc *d, size_t i)
{
    return i <= d->len && gl_utf8_is_boundary(d->bytes, d->len, i);
}

/* A span of this document outside the BOM, on character boundaries. */
static int span_ok(const struct gl_doc *d, uint32_t s, uint32_t e)
{
    return s <= e && s >= d->body && bnd(d, s) && bnd(d, e);
}

static void check_tokens(const struct gl_doc *d)
{
    for (size_t i = 0; i < d->ntokens; i++) {
        const struct gl_token *t = &d->tokens[i];
        REQUIRE(span_ok(d, t->start, t->end) && t->start < t->end);
        REQUIRE(t->kind >= GL_TOK_WORD && t->kind <= GL_TOK_SYMBOL);
        if (i) REQUIRE(d->tokens[i - 1].end <= t->start);
        REQUIRE(gl_doc_token_at(d, t->start) == (long)i);
        REQUIRE(gl_doc_token_from(d, t->start) == i);
    }
}

static void check_paragraphs(const struct gl_doc *d)
{
    for (size_t i = 0; i < d->nparagraphs; i++) {
        const struct gl_paragraph *p = &d->paragraphs[i];
        REQUIRE(span_ok(d, p->start, p->end) && p->start < p->end);
        if (i) REQUIRE(d->paragraphs[i - 1].end <= p->start);
        REQUIRE(p->sent_first <= p->sent_end && p->sent_end <= d->nsentences);
        REQUIRE(p->tok_first <= p->tok_end && p->tok_end <= d->ntokens);
        for (size_t k = p->tok_first; k < p->tok_end; k++)
            REQUIRE(p->start <= d->tokens[k].start &&
                    d->tokens[k].end <= p->end);
        REQUIRE(gl_doc_paragraph_at(d, p->start) == (long)i);
    }
}

static void check_sentences(const struct gl_doc *d)
{
    for (size_t i = 0; i < d->nsentences; i++) {
        const struct gl_sentence *s = &d->sentences[i];
        const struct gl_paragraph *p;
        REQUIRE(span_ok(d, s->start, s->end) && s->start < s->end);
        if (i) REQUIRE(d->sentences[i - 1].end <= s->start);
        REQUIRE(s->para < d->nparagraphs);
        p = &d->paragraphs[s->para];
        REQUIRE(p->start <= s->start && s->end <= p->end);
        REQUIRE(p->sent_first <= i && i < p->sent_end);
        REQUIRE(s->tok_first <= s->tok_end && s->tok_end <= d->ntokens);
        REQUIRE(p->tok_first <= s->tok_first && s->tok_end <= p->tok_end);
        for (size_t k = s->tok_first; k < s->tok_end; k++)
            REQUIRE(s->start <= d->tokens[k].start &&
                    d->tokens[k].end <= s->end);
        REQUIRE(gl_doc_sentence_at(d, s->start) == (long)i);
    }
}

static void check_quotes(const struct gl_doc *d)
{
    for (size_t i = 0; i < d->nquotes; i++) {
        const struct gl_quote *q = &d->quotes[i];
        REQUIRE(span_ok(d, q->start, q->end));
        REQUIRE(span_ok(d, q->cstart, q->cend));
        REQUIRE(q->start <= q->cstart && q->cend <= q->end);
        REQUIRE(q->family >= GL_QM_DOUBLE && q->family <= GL_QM_ANGLE1);
        if (i) {
            const struct gl_quote *o = &d->quotes[i - 1];
            REQUIRE(o->start < q->start ||
                    (o->start == q->start && o->end >= q->end));
        }
        if (q->parent < 0) {
            REQUIRE(q->depth == 0);
            continue;
        }
        REQUIRE((size_t)q->parent < i);
        {
            const struct gl_quote *o = &d->quotes[q->parent];
            REQUIRE(o->start <= q->start && q->end <= o->end);
            REQUIRE(q->depth == (o->depth < 255 ? o->depth + 1 : 255));
        }
    }
}

/* Byte <-> code point round trips and line:col order at boundaries; every
 * boundary for small documents, a stride of them for large ones. */
static void check_offsets(const struct gl_doc *d)
{
    size_t stride = d->len / 4096 + 1, prev_cp = 0, n = 0;
    unsigned long pl = 0, pc = 0;

    REQUIRE(gl_doc_cp(d, d->len) == d->nchars);
    REQUIRE(gl_doc_byte(d, d->nchars) == d->len);
    for (size_t b = 0; b <= d->len; b++) {
        unsigned long line, col;
        size_t cp;
        if (!bnd(d, b)) continue;
        if (n++ % stride && b != d->len) continue;
        cp = gl_doc_cp(d, b);
        REQUIRE(b == 0 || cp > prev_cp);
        REQUIRE(gl_doc_byte(d, cp) == b);
        prev_cp = cp;
        gl_doc_linecol(d, b, &line, &col);
        REQUIRE(line >= 1 && line <= d->nlines && col >= 1);
        REQUIRE(line > pl || (line == pl && col >= pc));
        pl = line;
        pc = col;
    }
    REQUIRE(n == d->nchars + 1);
    for (size_t c = 0; c <= d->nchars; c += stride)
        REQUIRE(gl_doc_cp(d, gl_doc_byte(d, c)) == c);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct gl_err err;
    struct gl_doc *d;

    if (size > MAX_INPUT) return 0;
    memset(&err, 0, sizeof err);
    d = gl_doc_from_memory((const char *)data, size, "fuzz", &err);
    if (!d) {
        REQUIRE(err.code == GL_EUTF8 || err.code == GL_ENUL);
        REQUIRE(err.offset <= size);
        REQUIRE(err.line >= 1 && err.col >= 1);
        return 0;
    }
    REQUIRE(d->len == size && memcmp(d->bytes, data, size) == 0);
    REQUIRE(d->bytes[size] == '\0');
    REQUIRE(d->body == 0 || d->body == 3);
    REQUIRE(d->nlines >= 1 && d->line_start[0] == d->body);
    check_tokens(d);
    check_paragraphs(d);
    check_sentences(d);
    check_quotes(d);
    check_offsets(d);
    gl_doc_free(d);
    return 0;
}

#include "standalone.h"

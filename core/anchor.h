/* anchor.h - re-anchoring: find where an annotation's text is in an article
 * that may have changed since the annotation was made. Core layer.
 *
 * The idea is the W3C Web Annotation TextQuoteSelector: the quoted text
 * plus up to GL_ANCHOR_CONTEXT code points before and after it in the old
 * article. The YAML does not store that context, so it exists only when
 * the old article is at hand; otherwise the old offsets serve as a
 * position hint (the nearest occurrence wins). */
#ifndef GLOSS_ANCHOR_H
#define GLOSS_ANCHOR_H

#include <stddef.h>
#include <stdint.h>

#include "annfile.h"
#include "doc.h"
#include "span.h"

#define GL_ANCHOR_CONTEXT 32

enum gl_anchor_status {
    GL_ANCHOR_UNCHANGED = 0, /* still at its offsets */
    GL_ANCHOR_MOVED,         /* found elsewhere, unambiguously */
    GL_ANCHOR_PLACED,        /* added by hand without offsets: found */
    GL_ANCHOR_AMBIGUOUS,     /* several places fit equally well */
    GL_ANCHOR_LOST           /* the text is no longer in the article */
};

/* Text around a span in the old article (pointers into its bytes). A side
 * shorter than GL_ANCHOR_CONTEXT code points reached the article's edge. */
struct gl_anchor_ctx {
    const char *pre, *post;
    size_t npre, npost;       /* bytes */
    size_t cpre, cpost;       /* code points */
};

struct gl_anchor {
    enum gl_anchor_status status;
    struct gl_span span;      /* new position (unchanged, moved, placed) */
    uint32_t *cand;           /* candidate start offsets when ambiguous */
    size_t ncand;
    /* for gl_anchor_file: derived fields (start, end, line, col, bytes)
     * that disagree with the article although the text is in place */
    char stale[160];
};

void gl_anchor_context(const struct gl_doc *old, struct gl_span sp,
                       struct gl_anchor_ctx *ctx);

/* Where is text[0..tlen) in doc? `hint` (may be NULL) is the old byte
 * span; `ctx` (may be NULL) the old context. With context, candidates are
 * ranked by how much of it they keep (both sides whole, one side, none);
 * one best candidate wins, several with both sides whole go to the one
 * nearest the hint, anything else is ambiguous. Without context: the
 * occurrence at the hint is unchanged, else the nearest one, ambiguous
 * when two are equally near. Fills res (free with gl_anchor_fini). */
void gl_anchor_text(const struct gl_doc *doc, const char *text, size_t tlen,
                    const struct gl_span *hint,
                    const struct gl_anchor_ctx *ctx, struct gl_anchor *res);

/* An annotation added by hand with only its text and perhaps an
 * approximate line (0: none) or line and column (col 0: none): placed when
 * the text occurs once in the article, or once on that line, or at that
 * line:col; otherwise ambiguous (candidates filled) or lost. */
void gl_anchor_place(const struct gl_doc *doc, const char *text, size_t tlen,
                     unsigned long line, unsigned long col,
                     struct gl_anchor *res);

/* Re-anchor every annotation of f in doc (res has f->n entries). `old` is
 * the article the file was written for, when available (its sha256 must
 * match the file's; pass NULL otherwise). When doc is that article, this
 * verifies: offsets on boundaries, text equal to the slice, and the
 * derived fields (reported in res[i].stale). */
void gl_anchor_file(const struct gl_annfile *f, const struct gl_doc *doc,
                    const struct gl_doc *old, struct gl_anchor *res);

void gl_anchor_fini(struct gl_anchor *res);

#endif

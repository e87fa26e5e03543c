/* quote.h - quotations. Core layer.
 *
 * Pairs opening and closing quotation marks (straight and curly double and
 * single quotes, guillemets, low-9 marks), with nesting, the news
 * convention that a quotation running over several paragraphs reopens each
 * paragraph with an opening mark and closes only at its end, and the
 * apostrophe/closing-single-quote ambiguity. Never fails and never drops a
 * mark silently: unbalanced or ambiguous marks are kept as flagged
 * quotations. Computed once by gl_doc_analyze(). */
#ifndef GLOSS_QUOTE_H
#define GLOSS_QUOTE_H

#include <stdint.h>

#include "span.h"

#define GL_QF_UNCLOSED  0x01 /* no closing mark: runs to the paragraph end */
#define GL_QF_CONTINUED 0x02 /* spans paragraphs by the news convention */
#define GL_QF_UNOPENED  0x04 /* a closing mark with no opening one: runs back from the paragraph start */
#define GL_QF_AMBIGUOUS 0x08 /* the pairing was a guess (e.g. ' could be an apostrophe) */
#define GL_QF_MISMATCH  0x10 /* closed by a mark of another family (“ ... ") */

enum gl_quote_family {
    GL_QM_DOUBLE = 1, /* " “ ” „ */
    GL_QM_SINGLE,     /* ' ‘ ’ ‚ */
    GL_QM_ANGLE,      /* « » */
    GL_QM_ANGLE1      /* ‹ › */
};

struct gl_quote {
    uint32_t start, end;   /* the whole quotation, marks included */
    uint32_t cstart, cend; /* the content, marks excluded (space kept) */
    int32_t parent;        /* index of the enclosing quotation, or -1 */
    uint8_t depth;         /* 0 for outermost */
    uint8_t family;        /* enum gl_quote_family of the opening mark */
    uint16_t flags;        /* GL_QF_* */
};

struct gl_doc;

/* Fill doc->quotes (sorted by start, then outer before inner). Requires the
 * tokens and paragraphs (gl_segment) to exist. */
void gl_find_quotes(struct gl_doc *doc);

#endif

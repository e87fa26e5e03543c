/* segment.h - paragraphs, sentences and tokens. Core layer.
 * All three are computed once, at load, by gl_doc_analyze() (doc.h) and
 * stored in the document as arrays sorted by position. */
#ifndef GLOSS_SEGMENT_H
#define GLOSS_SEGMENT_H

#include <stddef.h>
#include <stdint.h>

#include "span.h"

enum gl_tok_kind {
    GL_TOK_WORD = 1,  /* letters/marks/digits, with inner ' ’ - . (Jazeera's, Iran-backed, U.S.) */
    GL_TOK_NUMBER,    /* digits with inner , . : / (25, 1,000, 3.5, 9/11, 10:30) */
    GL_TOK_PUNCT,     /* one punctuation character, or a run of dots (...) or dashes */
    GL_TOK_QUOTE,     /* a quotation mark: " “ ” ‘ ’ ' « » „ ‚ ‹ › (apostrophes inside words excluded) */
    GL_TOK_SYMBOL     /* anything else that is not space: $, %, emoji, ... */
};

/* Token flags. */
#define GL_TOKF_UPPER_INITIAL 0x01 /* first character is Lu/Lt */
#define GL_TOKF_ALL_UPPER     0x02 /* has letters, none lowercase (USA, PMF) */
#define GL_TOKF_PARA_START    0x04 /* first token of a paragraph */
#define GL_TOKF_SENT_START    0x08 /* first token of a sentence */

struct gl_token {
    uint32_t start, end;
    uint8_t kind;   /* enum gl_tok_kind */
    uint8_t flags;  /* GL_TOKF_* */
};

/* A sentence: its span (first to last non-space character, trailing
 * closing quotes/brackets after the full stop included) and its tokens
 * [tok_first, tok_end). */
struct gl_sentence {
    uint32_t start, end;
    uint32_t tok_first, tok_end;
    uint32_t para;  /* index of the paragraph that holds it */
};

/* A paragraph: text between blank lines (a line holding only spaces counts
 * as blank), trimmed of surrounding space. A one-line first paragraph with
 * no final punctuation is flagged as the headline. */
#define GL_PARAF_HEADLINE 0x01
struct gl_paragraph {
    uint32_t start, end;
    uint32_t sent_first, sent_end;
    uint32_t tok_first, tok_end;
    uint32_t flags;
};

/* Tokenise s[0..len) (valid UTF-8) with the same rules used for articles;
 * offsets are relative to s. Appends to *toks (growable: *n used, *cap
 * allocated). Used by the lexicon so phrases and articles split
 * identically. */
void gl_tokenize(const char *s, size_t len, struct gl_token **toks, size_t *n,
                 size_t *cap);

struct gl_doc;

/* Fill doc->tokens, doc->sentences, doc->paragraphs. Called by
 * gl_doc_analyze(); never fails (every byte sequence gets a segmentation). */
void gl_segment(struct gl_doc *doc);

/* Index of the token / sentence / paragraph whose span contains byte
 * offset `at` (start <= at < end), or -1 if `at` is in space between them. */
long gl_doc_token_at(const struct gl_doc *doc, uint32_t at);
long gl_doc_sentence_at(const struct gl_doc *doc, uint32_t at);
long gl_doc_paragraph_at(const struct gl_doc *doc, uint32_t at);

/* Index of the first token whose start is >= at (doc->ntokens if none). */
size_t gl_doc_token_from(const struct gl_doc *doc, uint32_t at);

#endif

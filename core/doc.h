/* doc.h - an article: its bytes, offset indexes and segmentation. Core
 * layer.
 *
 * Ownership: a gl_doc owns its buffer and all arrays below; everything
 * returned by a gl_doc_* accessor is borrowed until gl_doc_free(). The
 * buffer is the file as read, immutable after load, NUL-terminated for
 * convenience (the NUL is not part of len). */
#ifndef GLOSS_DOC_H
#define GLOSS_DOC_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "quote.h"
#include "segment.h"
#include "span.h"

/* Articles larger than this are refused (offsets are 32-bit). */
#define GL_DOC_MAX_BYTES ((size_t)1 << 30)

enum gl_newline { GL_NL_NONE, GL_NL_LF, GL_NL_CRLF, GL_NL_CR, GL_NL_MIXED };

struct gl_doc {
    char *bytes;        /* the file, as read */
    size_t len;
    uint32_t body;      /* 3 when the file starts with a UTF-8 BOM, else 0 */
    char *name;         /* path as given, or "-" for stdin */
    uint8_t sha256[32]; /* of the bytes as read */
    size_t nchars;      /* code points in the file (the BOM counts as one) */
    enum gl_newline newline;

    /* line index: line_start[i] is the byte offset where line i+1 starts.
     * A line ends at LF, CRLF or a lone CR. */
    uint32_t *line_start;
    size_t nlines;

    /* code point index: cp_block[k] = code points before byte k*GL_CP_BLOCK */
    uint32_t *cp_block;
    size_t ncp_block;

    struct gl_token *tokens;
    size_t ntokens;
    struct gl_sentence *sentences;
    size_t nsentences;
    struct gl_paragraph *paragraphs;
    size_t nparagraphs;
    struct gl_quote *quotes;
    size_t nquotes;

    /* Lexicon scans fold every token's case; the first scan keeps what
     * it folded here (lexicon.c) for the next ones, since a preset scans
     * an article with several word lists. NULL until then. */
    struct gl_doc_folds *folds;
};

/* Token i folded: bytes[off[i] .. off[i + 1]), its hash hash[i]. */
struct gl_doc_folds {
    uint64_t *hash;
    uint32_t *off;
    char *bytes;
};

#define GL_CP_BLOCK 64

/* Load an article from a path ("-" reads stdin) with read(2). Validates
 * UTF-8 once (err->offset/line/col point at the first bad byte), rejects
 * NUL bytes and files over GL_DOC_MAX_BYTES, builds the indexes and runs
 * gl_doc_analyze(). Returns NULL on failure with err filled (GL_EIO,
 * GL_EUTF8, GL_ENUL, GL_ETOOBIG). */
struct gl_doc *gl_doc_load(const char *path, struct gl_err *err);

/* The same from memory (the bytes are copied); `name` labels messages. */
struct gl_doc *gl_doc_from_memory(const char *bytes, size_t len,
                                  const char *name, struct gl_err *err);

void gl_doc_free(struct gl_doc *doc);

/* Segmentation and quotations (called by the loaders). */
void gl_doc_analyze(struct gl_doc *doc);

/* Byte offset -> code point offset; O(1) plus a scan of < GL_CP_BLOCK
 * bytes. `byte` must be <= len. */
size_t gl_doc_cp(const struct gl_doc *doc, size_t byte);

/* Code point offset -> byte offset (binary search + short scan); returns
 * len for cp >= nchars. */
size_t gl_doc_byte(const struct gl_doc *doc, size_t cp);

/* Byte offset -> 1-based line and 1-based column in code points. */
void gl_doc_linecol(const struct gl_doc *doc, size_t byte,
                    unsigned long *line, unsigned long *col);

/* 1 when [start,end) is a valid span of this document: start <= end <=
 * len, both on character boundaries, start >= body (outside the BOM). */
int gl_doc_span_ok(const struct gl_doc *doc, size_t start, size_t end);

/* Hex form of the sha256 (65 bytes with the NUL). */
void gl_doc_sha256_hex(const struct gl_doc *doc, char out[65]);

#endif

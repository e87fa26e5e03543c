/* record.h - one JSON Lines record as an article. CLI layer. Workers call
 * this, so the dispatcher only splits a corpus into lines: decoding in
 * the dispatcher kept -j 2 from scaling. */
#ifndef GLOSS_RECORD_H
#define GLOSS_RECORD_H

#include <stddef.h>

#include "util.h"

struct gl_record_fields {
    const char *id_field;   /* "id" */
    const char *text_field; /* "text" */
};

/* Where a record comes from: its corpus file as named in output, the
 * output folder for its records (the corpus path without .jsonl), and its
 * line number. */
struct gl_record_at {
    const char *path;
    const char *base;
    unsigned long line;
};

/* Decode raw[0..n) (one line of the corpus). On success returns 0 and
 * fills *name ("FILE#ID", or "FILE:LINE" without an id), *text and *len
 * (the article) and *out (its output name, BASE/ID.yaml), all malloc'd;
 * otherwise returns -1 with the error line for stderr in *msg. */
int gl_record_decode(const struct gl_record_fields *f,
                     const struct gl_record_at *at, const char *raw, size_t n,
                     char **name, char **text, size_t *len, char **out,
                     struct gl_buf *msg);

/* The location of a record as one string for the wire ("PATH\0BASE\0LINE")
 * and back. Decoding returns 0, or -1 for a malformed string. */
void gl_record_at_pack(const struct gl_record_at *at, struct gl_buf *out);
int gl_record_at_unpack(const char *s, size_t n, struct gl_record_at *at);

#endif

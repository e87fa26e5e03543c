/* show.h - `gloss show`: an annotation file drawn over its article, for a
 * terminal (show_term.c) or as one standalone HTML page (show_html.c).
 * CLI layer. */
#ifndef GLOSS_SHOW_H
#define GLOSS_SHOW_H

#include <stdio.h>

#include "annfile.h"
#include "doc.h"
#include "util.h"

struct gl_show {
    const char *file;            /* the YAML file, as given */
    const struct gl_annfile *f;
    const struct gl_doc *doc;
    const struct gl_span *spans; /* spans[i] of f->ann[i] in doc */
    const char *placed;          /* placed[i]: 0 when not found in doc */
    size_t *cuts;                /* sorted distinct span boundaries, with */
    size_t ncuts;                /* doc->body and doc->len */
};

/* Indexes of the placed annotations covering the bytes [a,b) (a segment
 * between two cuts) into idx (room for f->n); returns how many. */
size_t gl_show_cover(const struct gl_show *s, size_t a, size_t b,
                     size_t *idx);

/* The id shown for annotation i: its id, or 0 when added by hand
 * without one. */
unsigned long gl_show_id(const struct gl_show *s, size_t i);

/* An attribute value as text (lists as "[a, b]"). */
void gl_show_value(struct gl_buf *b, const struct gl_value *v);

extern const char *const gl_show_review[4];

void gl_show_term(const struct gl_show *s, FILE *out, int colour);
/* Returns 0, or -1 on a write error. */
int gl_show_html(const struct gl_show *s, FILE *out);

#endif

/* fixture.h - the fixture cases of `gloss test`: a YAML file of small
 * texts, each with the annotations a script must and must not produce,
 * and the comparison of one case's results with them. CLI layer.
 *
 * Format (doc/gloss.1, annotations/TUTORIAL.md):
 *   before: [preset:actors, helper.lua]   # optional: scripts run first
 *   cases:
 *   - name: what the case shows
 *     text: |
 *       "We will stay," said Ali Hassan.
 *     expect:                            # each must be produced
 *     - {type: claim, text: "We will stay,", attrs: {kind: direct},
 *        links: {source: Ali Hassan}}
 *     forbid:                            # none may be produced
 *     - {type: source, text: We}
 * In `forbid`, `text` may be left out: no annotation of that type. */
#ifndef GLOSS_FIXTURE_H
#define GLOSS_FIXTURE_H

#include <stddef.h>

#include "doc.h"
#include "error.h"
#include "store.h"
#include "util.h"
#include "yread.h"

struct fx_pair {
    const char *key;              /* attribute name or link role */
    const struct gl_ynode *val;   /* scalar or list of scalars */
};

struct fx_item {
    const char *type;
    const struct gl_ynode *text;  /* NULL: any text (forbid only) */
    struct fx_pair *attrs, *links;
    size_t nattrs, nlinks;
    unsigned long line, col;
};

struct fx_case {
    const char *name;
    const char *text;
    size_t len;
    struct fx_item *expect, *forbid;
    size_t nexpect, nforbid;
    unsigned long line;
};

struct fx_file {
    char *path;
    struct gl_ynode *root;        /* owns every string above */
    const char **before;          /* scripts to run first, as written */
    size_t nbefore;
    struct fx_case *cases;
    size_t n;
};

/* Read a case file. GL_EIO, GL_EYAML or GL_ESCHEMA with err->line/col
 * (0 when unknown) and err->msg without the position. */
int fx_load(const char *path, struct fx_file **out, struct gl_err *err);
void fx_free(struct fx_file *f);

/* Compare what the scripts made for case c (in st, over doc) with it:
 * appends one "- ..." line per expected annotation not produced and one
 * "+ ..." line per forbidden one produced, each indented by `indent`.
 * Returns the number of such problems (0: the case passes). */
size_t fx_compare(const struct fx_file *f, const struct fx_case *c,
                  const struct gl_doc *doc, const struct gl_store *st,
                  const char *indent, struct gl_buf *out);

/* 1 when value v is what YAML scalar s says (`true`, `12`, `0.5`, a
 * string), comparing the way gloss writes values. */
int fx_scalar_is(const struct gl_ynode *s, const struct gl_value *v);

/* `TYPE "text…"` with at most 40 characters of text, on one line. */
void fx_label(struct gl_buf *b, const char *type, const char *text,
              size_t len);

#endif

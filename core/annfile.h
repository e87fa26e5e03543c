/* annfile.h - an annotation file read back: the schema-level view of a YAML
 * file that gloss wrote and a person may have reviewed or extended by hand
 * (annotations/SCHEMA.md). Core layer.
 *
 * Strict: unknown keys, wrong types and missing keys are errors with the
 * file's line:col, so a typo is reported instead of silently ignored.
 * Everything a person can type in a known field is kept in the struct. */
#ifndef GLOSS_ANNFILE_H
#define GLOSS_ANNFILE_H

#include <stddef.h>
#include <stdint.h>

#include "doc.h"
#include "emit.h"
#include "error.h"
#include "store.h"

/* Which keys an annotation gave (bits of gl_af_ann.has). */
enum {
    GL_AF_ID = 1 << 0,
    GL_AF_START = 1 << 1,     /* start and end (always together) */
    GL_AF_BYTES = 1 << 2,     /* byte_start and byte_end (together) */
    GL_AF_LINE = 1 << 3,
    GL_AF_COL = 1 << 4,       /* only with line */
    GL_AF_REVIEW = 1 << 5
};

struct gl_af_link {
    char *role;
    uint32_t target;         /* the id as written */
    unsigned long line, col; /* of the target in the YAML file */
};

struct gl_af_ann {
    unsigned long yline, ycol; /* where its mapping starts in the YAML */
    unsigned has;              /* GL_AF_* */
    uint32_t id;               /* >= 1 when GL_AF_ID */
    char *type;
    char *text;                /* may hold NUL bytes only if escaped: tlen */
    size_t tlen;
    uint32_t start, end;           /* code points (GL_AF_START) */
    uint32_t byte_start, byte_end; /* bytes (GL_AF_BYTES) */
    unsigned long line, col;       /* in the article (GL_AF_LINE/COL) */
    struct gl_attr *attrs;         /* sorted by key */
    size_t nattrs;
    struct gl_af_link *links;      /* in file order */
    size_t nlinks;
    char *rule;                    /* NULL: added by hand */
    enum gl_review review;         /* hand-added default: accepted */
    char *note;                    /* NULL when absent */
};

struct gl_annfile {
    char *name;  /* as given, for messages */
    char *src;   /* the bytes as read (NUL-terminated) */
    size_t srclen;
    struct {
        char *path;
        char sha256[65];
        uint64_t bytes, chars, lines;
        int bom;
        enum gl_newline newline;
        unsigned long yline, ycol;
    } article;
    char *gloss_version; /* run.gloss */
    char **scripts;      /* run.scripts */
    size_t nscripts;
    struct gl_af_ann *ann;
    size_t n;
    uint32_t *byid; /* indexes of annotations with an id, sorted by id */
    size_t nbyid;
    /* Written by `gloss run --explain`: the `why` of annotation k is
     * ex.why[k], and ex.near the `near_misses` list. Kept as read and
     * written again by gl_annfile_emit; never a review decision. */
    int explained;       /* the file has near_misses or a why */
    struct gl_explain ex;
};

/* Parse buf[0..len) (copied). On failure returns GL_EYAML (not YAML gloss
 * accepts) or GL_ESCHEMA (YAML, but not a valid annotation file) with
 * err->line/col set (1-based, 0 when unknown) and err->msg holding the
 * message without any position. */
int gl_annfile_parse(const char *buf, size_t len, const char *name,
                     struct gl_annfile **out, struct gl_err *err);
/* The same from a file (GL_EIO when it cannot be read; msg names it). */
int gl_annfile_load(const char *path, struct gl_annfile **out,
                    struct gl_err *err);
void gl_annfile_free(struct gl_annfile *f);

/* Index of the annotation with this id, or -1. */
long gl_annfile_find(const struct gl_annfile *f, uint32_t id);

/* Build a store from the file, annotation k at spans[k] (byte offsets in
 * `doc`, already checked), in file order, with links resolved by id and
 * the rule split back into script and line. */
void gl_annfile_to_store(const struct gl_annfile *f,
                         const struct gl_span *spans, struct gl_store *st);

/* Write the file again for `doc` with annotation k at spans[k], through
 * gl_emit_yaml, with the file's run block. article.path stays as the file
 * has it. */
int gl_annfile_emit(const struct gl_annfile *f, const struct gl_doc *doc,
                    const struct gl_span *spans, gl_write_fn write,
                    void *ctx, struct gl_err *err);

/* 1 when a person has edited the file, 0 when it is exactly what gloss
 * wrote (safe to overwrite). Edited: a review other than pending, a note,
 * an annotation without `rule` (added by hand), or - when `article` is the
 * article the file was written for (same sha256) - re-emitting the file's
 * data does not reproduce its bytes. `why` (may be NULL) says what was
 * found first, e.g. "annotation 3 has review: accepted (line 40)". */
int gl_annfile_edited(const struct gl_annfile *f, const struct gl_doc *article,
                      char *why, size_t size);

/* For `gloss run`: 0 when `path` does not exist or holds unedited gloss
 * output, 1 when edited (why says how), or a negative gl_status when the
 * file exists but cannot be read or parsed (err filled; treat as edited:
 * it is not output gloss would write). */
int gl_annfile_path_edited(const char *path, const struct gl_doc *article,
                           char *why, size_t size, struct gl_err *err);

#endif

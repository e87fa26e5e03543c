/* json.h - a strict JSON reader (RFC 8259) producing a small node tree.
 * Core layer. Used for gold-standard corpora and, value by value, for
 * JSON Lines input.
 *
 * Strict on purpose: no comments, no trailing commas, no NaN/Infinity, no
 * leading zeros or '+', no unescaped control characters, strings must be
 * valid UTF-8, \u escapes must form scalar values (surrogates only as a
 * high+low pair) and an object may not hold the same key twice. Nesting is
 * limited to GL_JSON_MAX_DEPTH. Errors carry the byte offset and the
 * 1-based line:col (col in code points) counted from the buffer start in
 * err->offset/line/col; err->msg says why without repeating them (as
 * annfile.h does), so callers print "name:line:col: why". */
#ifndef GLOSS_JSON_H
#define GLOSS_JSON_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"

#define GL_JSON_MAX_DEPTH 256
#define GL_JSON_MAX_FILE ((size_t)1 << 30)

enum gl_jkind {
    GL_J_NULL = 1,
    GL_J_FALSE,
    GL_J_TRUE,
    GL_J_NUMBER,
    GL_J_STRING,
    GL_J_ARRAY,
    GL_J_OBJECT
};

struct gl_jnode {
    enum gl_jkind kind;
    size_t offset;          /* byte offset where the value starts */
    /* GL_J_NUMBER: num always; is_int when the literal has no fraction or
     * exponent and fits int64, then i holds it exactly. */
    double num;
    int is_int;
    int64_t i;
    /* GL_J_STRING: decoded UTF-8, NUL-terminated; may hold NULs (\u0000),
     * so use len. */
    char *str;
    size_t len;
    /* GL_J_ARRAY: items[0..n); GL_J_OBJECT: key,value,key,value,... (keys
     * are GL_J_STRING nodes, n counts both), in document order. */
    struct gl_jnode **items;
    size_t n;
};

/* Parse one value from buf[*pos..len): leading white space is skipped;
 * on success *pos is the offset just after the value (trailing space is
 * not consumed), so a caller can read several values from one buffer.
 * `name` is accepted for symmetry with the other readers (the caller
 * puts it in front of the message). Returns GL_OK with *out set, or GL_EFORMAT (bad
 * syntax; also an empty input) / GL_ETOOBIG (too deep) with err filled
 * and *out NULL. */
int gl_json_parse(const char *buf, size_t len, size_t *pos, const char *name,
                  struct gl_jnode **out, struct gl_err *err);

/* The whole of buf[0..len) must be exactly one value (white space around
 * it allowed). */
int gl_json_read(const char *buf, size_t len, const char *name,
                 struct gl_jnode **out, struct gl_err *err);

/* Read a file with gl_json_read (GL_EIO when it cannot be read,
 * GL_ETOOBIG over GL_JSON_MAX_FILE). Messages do not name the file (as
 * with the other readers, the caller puts the path in front). */
int gl_json_load(const char *path, struct gl_jnode **out, struct gl_err *err);

void gl_json_free(struct gl_jnode *n);

/* Value under `key` in an object (NULL if absent or not an object). */
const struct gl_jnode *gl_jobj_get(const struct gl_jnode *obj,
                                   const char *key);

/* 1-based line and column (in code points) of byte `offset` of a valid
 * UTF-8 buffer; lines end at LF, CRLF or CR. For messages about nodes. */
void gl_json_linecol(const char *buf, size_t len, size_t offset,
                     unsigned long *line, unsigned long *col);

/* Name of a kind for messages: "null", "string", "array", ... */
const char *gl_json_kind_name(enum gl_jkind k);

#endif

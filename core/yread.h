/* yread.h - a strict YAML reader (libyaml parser) producing a small node
 * tree. Core layer.
 *
 * Strict on purpose, because people edit these files by hand and a
 * surprise must be an error, not a silent reinterpretation: anchors,
 * aliases, explicit tags, several documents, non-scalar keys and duplicate
 * keys are rejected, as are nesting deeper than GL_YAML_MAX_DEPTH and
 * inputs over GL_YAML_MAX_BYTES. Errors carry line:col (1-based). */
#ifndef GLOSS_YREAD_H
#define GLOSS_YREAD_H

#include <stddef.h>

#include "error.h"

#define GL_YAML_MAX_DEPTH 64
#define GL_YAML_MAX_BYTES ((size_t)64 << 20)

enum gl_ykind { GL_Y_SCALAR = 1, GL_Y_SEQ, GL_Y_MAP };

struct gl_ynode {
    enum gl_ykind kind;
    unsigned long line, col; /* where the node starts, 1-based */
    int plain;               /* scalar written without quotes */
    char *str;               /* scalar value (NUL-terminated) */
    size_t len;
    struct gl_ynode **items; /* seq: items; map: key,value,key,value,... */
    size_t n;                /* number of items (2 per map entry) */
};

/* Parse buf[0..len). `name` labels errors. Returns the root (NULL for an
 * empty stream with GL_OK) or NULL with err filled (GL_EYAML). */
int gl_yaml_read(const char *buf, size_t len, const char *name,
                 struct gl_ynode **root, struct gl_err *err);
void gl_ynode_free(struct gl_ynode *n);

/* Value under `key` in a mapping, or NULL. */
const struct gl_ynode *gl_ymap_get(const struct gl_ynode *map,
                                   const char *key);

#endif

/* annfile_int.h - what the annotation-file reader's files share:
 * annfile.c (annotations and the file), annfile_fields.c (typed fields,
 * attribute values, links) and annfile_explain.c (why, near_misses).
 * Core layer, internal. Every af_* function returns GL_OK or fills the
 * error with the node's line:col and returns GL_ESCHEMA. */
#ifndef GLOSS_ANNFILE_INT_H
#define GLOSS_ANNFILE_INT_H

#include <stddef.h>
#include <stdint.h>

#include "annfile.h"
#include "yread.h"

struct rd {
    struct gl_err *err;
    struct gl_annfile *f;
};

int af_fail(struct rd *r, const struct gl_ynode *n, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* A scalar for messages: at most 40 bytes, control characters as '?'. */
const char *af_shown(const char *s, size_t len, char out[48]);
const char *af_kind_name(const struct gl_ynode *n);
int af_known_keys(struct rd *r, const struct gl_ynode *map,
                  const char *const *keys, const char *where);
int af_want_map(struct rd *r, const struct gl_ynode *n, const char *what);
const struct gl_ynode *af_need(struct rd *r, const struct gl_ynode *map,
                               const char *key, const char *where);
int af_is_null(const struct gl_ynode *n);
int af_get_str(struct rd *r, const struct gl_ynode *n, const char *key,
               char **out, size_t *len);
int af_get_name(struct rd *r, const struct gl_ynode *n, const char *what,
                char **out);
int af_get_uint(struct rd *r, const struct gl_ynode *n, const char *key,
                uint64_t max, uint64_t *out);
int af_get_u32(struct rd *r, const struct gl_ynode *n, const char *key,
               uint32_t *out);
int af_get_bool(struct rd *r, const struct gl_ynode *n, const char *key,
                int *out);
int af_get_word(struct rd *r, const struct gl_ynode *n, const char *key,
                const char *const *words, const char *list, int *out);
int af_get_value(struct rd *r, const struct gl_ynode *n, const char *key,
                 int depth, struct gl_value *v);
int af_get_attrs(struct rd *r, const struct gl_ynode *n, struct gl_af_ann *a);
int af_get_links(struct rd *r, const struct gl_ynode *n, struct gl_af_ann *a);
int af_get_why(struct rd *r, const struct gl_ynode *m, struct gl_why *w);
int af_get_near(struct rd *r, const struct gl_ynode *list);

#endif

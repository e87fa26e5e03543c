/* store.h - the annotation store shared by every script of a run. Core
 * layer.
 *
 * An annotation is a typed span with attributes, links to other
 * annotations by role, the script:line that made it and a review state.
 * Annotations may overlap freely. Ids are creation indexes (0-based) inside
 * the store; the YAML writer renumbers them by position. Attribute keys are
 * kept sorted so output never depends on Lua's table order.
 *
 * Ownership: the store owns every string and value put into it (they are
 * copied); pointers it returns are borrowed until gl_store_free(). Names
 * (types, roles, script names, attribute keys) are interned: each
 * distinct one is copied once per store, so equal names share a pointer
 * and an attribute's key must never be freed or changed by its reader. */
#ifndef GLOSS_STORE_H
#define GLOSS_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "span.h"

enum gl_vtype { GL_V_BOOL = 1, GL_V_INT, GL_V_NUM, GL_V_STR, GL_V_LIST };

struct gl_value {
    enum gl_vtype t;
    union {
        int b;
        int64_t i;
        double n;
        struct { char *p; size_t len; } s;
        struct { struct gl_value *v; size_t n; } list;
    } u;
};

struct gl_attr {
    char *key; /* in a store: interned there (see above) */
    struct gl_value val;
};

struct gl_link {
    const char *role; /* interned */
    uint32_t target;  /* annotation id */
};

enum gl_review {
    GL_REVIEW_PENDING = 0,
    GL_REVIEW_ACCEPTED,
    GL_REVIEW_REJECTED,
    GL_REVIEW_EDITED
};

struct gl_ann {
    const char *type;   /* interned */
    struct gl_span span;
    struct gl_attr *attrs; /* sorted by key; the store allocates it */
    size_t nattrs, capattrs;
    struct gl_link *links; /* in the order they were made */
    size_t nlinks, caplinks;
    const char *script; /* interned: the script that made it */
    unsigned long line; /* and the line there (0 if unknown) */
    enum gl_review review;
    char *note;
};

struct gl_store {
    struct gl_ann *ann;
    size_t n, cap;
    size_t max;          /* cap on annotations (0 = none) */
    struct gl_intern *names;
    struct gl_store_slab *slab; /* first attribute/link arrays (store.c) */
    /* the last script name given to gl_store_add and its interned copy:
     * one script makes many tags in a row */
    const char *script_arg, *script_name;
    /* position order, kept between queries: valid while norder == n
     * (spans and types never change after gl_store_add) */
    uint32_t *order;
    size_t norder;
    uint32_t maxlen;     /* longest span, bytes: bounds overlap searches */
};

void gl_store_init(struct gl_store *st);
void gl_store_fini(struct gl_store *st);
/* Drop every annotation, keep interned names (for the next article). */
void gl_store_clear(struct gl_store *st);

/* Intern a string for type/role/script names. */
const char *gl_store_intern(struct gl_store *st, const char *s, size_t len);

/* Add an annotation; returns its id, or -1 when st->max is reached. */
long gl_store_add(struct gl_store *st, const char *type, size_t tlen,
                  struct gl_span span, const char *script,
                  unsigned long line);

/* Set (replace) an attribute; `val` is moved into the store (do not free
 * it afterwards, even on failure). */
void gl_store_set_attr(struct gl_store *st, uint32_t id, const char *key,
                       size_t klen, struct gl_value *val);
const struct gl_value *gl_store_get_attr(const struct gl_store *st,
                                         uint32_t id, const char *key);

/* Link id --role--> target. Duplicate (role, target) pairs are kept once. */
void gl_store_link(struct gl_store *st, uint32_t id, const char *role,
                   size_t rlen, uint32_t target);

/* Free the contents of a value (not the struct itself). */
void gl_value_free(struct gl_value *v);

/* Deep copy of a value (strings and lists duplicated). */
void gl_value_copy(struct gl_value *to, const struct gl_value *from);

/* Ids sorted by position: start ascending, end descending (outer first),
 * type, then creation order. Caller frees the array. */
uint32_t *gl_store_sorted(const struct gl_store *st);

/* The same order, kept in the store and recomputed only after new
 * annotations were added (queries between tags cost no sort). Borrowed;
 * valid until the next gl_store_add/clear. */
const uint32_t *gl_store_order(struct gl_store *st);

/* The name as interned in the store, or NULL when no annotation could
 * have it (lets queries compare types by pointer). */
const char *gl_store_find_name(const struct gl_store *st, const char *s);

#endif

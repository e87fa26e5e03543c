/* intern.h - a string-interning pool for names used over and over
 * (annotation types, link roles, script names). Core layer.
 *
 * Interned strings are NUL-terminated, never move and live until the pool
 * is freed, so equal names can be compared by pointer. */
#ifndef GLOSS_INTERN_H
#define GLOSS_INTERN_H

#include <stddef.h>

struct gl_intern;

struct gl_intern *gl_intern_new(void);
void gl_intern_free(struct gl_intern *in);

/* The pool's copy of s[0..len) (added on first use). */
const char *gl_intern(struct gl_intern *in, const char *s, size_t len);

/* The pool's copy of s[0..len), or NULL when it was never interned. */
const char *gl_intern_find(const struct gl_intern *in, const char *s,
                           size_t len);

/* Number of distinct strings in the pool. */
size_t gl_intern_count(const struct gl_intern *in);

#endif

/* util.h - allocation and growable buffers shared by every layer.
 * Core layer: plain C11, no Lua. Out of memory in host code is fatal
 * (the Lua heap has its own recoverable limit, see binding/). */
#ifndef GLOSS_UTIL_H
#define GLOSS_UTIL_H

#include <stddef.h>
#include <stdint.h>

/* Never return NULL: print "gloss: cannot allocate memory" and abort. */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
/* Grow-or-die for arrays: n elements of `size`, overflow-checked. */
void *xreallocarray(void *p, size_t n, size_t size);
char *xstrdup(const char *s);
char *xmemdup(const void *p, size_t n); /* adds a NUL after n bytes */

/* Ensure room for `need` elements in a growable array (*p, *cap). */
#define GL_GROW(p, cap, need)                                              \
    do {                                                                   \
        if ((need) > (cap)) {                                              \
            size_t gl_nc_ = (cap) ? (cap) * 2 : 8;                         \
            while (gl_nc_ < (need)) gl_nc_ *= 2;                           \
            (p) = xreallocarray((p), gl_nc_, sizeof *(p));                 \
            (cap) = gl_nc_;                                                \
        }                                                                  \
    } while (0)

/* The whole of a file, NUL-terminated (the NUL is not counted in *len);
 * NULL with errno set when it cannot be opened or read. */
char *gl_read_file(const char *path, size_t *len);

/* A growable byte buffer; always NUL-terminated after gl_buf_* calls. */
struct gl_buf {
    char *p;
    size_t len, cap;
};

void gl_buf_add(struct gl_buf *b, const void *p, size_t n);
void gl_buf_puts(struct gl_buf *b, const char *s);
void gl_buf_putc(struct gl_buf *b, char c);
void gl_buf_printf(struct gl_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void gl_buf_free(struct gl_buf *b);

#endif

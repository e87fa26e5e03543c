/* util.c - allocation and growable buffers. Core layer. */
#include "util.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void oom(void)
{
    fputs("gloss: cannot allocate memory\n", stderr);
    abort();
}

void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p) oom();
    return p;
}

void *xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size ? size : 1);
    if (!p) oom();
    return p;
}

void *xrealloc(void *p, size_t n)
{
    p = realloc(p, n ? n : 1);
    if (!p) oom();
    return p;
}

void *xreallocarray(void *p, size_t n, size_t size)
{
    if (size && n > SIZE_MAX / size) oom();
    return xrealloc(p, n * size);
}

char *xstrdup(const char *s)
{
    return xmemdup(s, strlen(s));
}

char *xmemdup(const void *p, size_t n)
{
    char *d = xmalloc(n + 1);
    if (n) memcpy(d, p, n);
    d[n] = '\0';
    return d;
}

void gl_buf_add(struct gl_buf *b, const void *p, size_t n)
{
    GL_GROW(b->p, b->cap, b->len + n + 1);
    if (n) memcpy(b->p + b->len, p, n);
    b->len += n;
    b->p[b->len] = '\0';
}

void gl_buf_puts(struct gl_buf *b, const char *s)
{
    gl_buf_add(b, s, strlen(s));
}

void gl_buf_putc(struct gl_buf *b, char c)
{
    gl_buf_add(b, &c, 1);
}

void gl_buf_printf(struct gl_buf *b, const char *fmt, ...)
{
    va_list ap;
    char small[256];
    int n;

    va_start(ap, fmt);
    n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0) return;
    if ((size_t)n < sizeof small) {
        gl_buf_add(b, small, (size_t)n);
        return;
    }
    GL_GROW(b->p, b->cap, b->len + (size_t)n + 1);
    va_start(ap, fmt);
    vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

void gl_buf_free(struct gl_buf *b)
{
    free(b->p);
    b->p = NULL;
    b->len = b->cap = 0;
}

char *gl_read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    struct gl_buf b = {0};
    char chunk[65536];
    size_t got;

    if (!f) return NULL;
    while ((got = fread(chunk, 1, sizeof chunk, f)) > 0)
        gl_buf_add(&b, chunk, got);
    if (ferror(f)) {
        int e = errno;
        fclose(f);
        gl_buf_free(&b);
        errno = e ? e : EIO;
        return NULL;
    }
    fclose(f);
    if (!b.p) gl_buf_add(&b, "", 0);
    *len = b.len;
    return b.p;
}

/* ywrite.h - the low-level half of the YAML writer: an output buffer that
 * flushes in large chunks, and scalars written the way libyaml 0.2.5's
 * emitter writes them (unicode on, no line width). Core layer; emit.c
 * lays out the document with these.
 *
 * Strings must already be valid UTF-8 (emit.c checks first). */
#ifndef GLOSS_YWRITE_H
#define GLOSS_YWRITE_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

struct gl_yw {
    char *p;
    size_t len, cap;
    int (*write)(void *ctx, const char *p, size_t n);
    void *ctx;
    int fail; /* the writer failed once: everything after is dropped */
};

void gl_yw_init(struct gl_yw *w, int (*write)(void *, const char *, size_t),
                void *ctx);
/* Hand what is buffered to the writer; returns 0, or -1 if it ever failed. */
int gl_yw_flush(struct gl_yw *w);
void gl_yw_free(struct gl_yw *w);

/* Room for n more bytes at w->p + w->len (the caller advances w->len). */
char *gl_yw_grow(struct gl_yw *w, size_t n);

static inline char *gl_yw_room(struct gl_yw *w, size_t n)
{
    return w->len + n <= w->cap ? w->p + w->len : gl_yw_grow(w, n);
}

static inline void gl_yw_put(struct gl_yw *w, const char *s, size_t n)
{
    memcpy(gl_yw_room(w, n), s, n);
    w->len += n;
}

/* Decimal digits of v. */
void gl_yw_u64(struct gl_yw *w, uint64_t v);

/* s as a double-quoted scalar, quotes included, escaping exactly what
 * libyaml escapes: non-printable characters, line breaks (\n \r \N \L \P),
 * the BOM, '"' and '\'; everything above U+FFFF as \UXXXXXXXX. */
void gl_yw_quoted(struct gl_yw *w, const char *s, size_t len);

/* 1 when s holds a YAML line break (LF, CR, U+0085, U+2028, U+2029):
 * libyaml then never writes it as a simple `key:`. */
int gl_yw_multiline(const char *s, size_t len);

/* 1 when libyaml writes s as a simple `key:` (else as `? key`). */
static inline int gl_yw_simple_key(const char *s, size_t len)
{
    return len <= 128 && !gl_yw_multiline(s, len);
}

#endif

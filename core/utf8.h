/* utf8.h - strict UTF-8 (RFC 3629). Core layer.
 * Rejects overlong forms, surrogates (U+D800..DFFF) and values above
 * U+10FFFF, so every string that passes can be written to YAML and read
 * back by libyaml. */
#ifndef GLOSS_UTF8_H
#define GLOSS_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* Returns 1 when s[0..len) is valid UTF-8; otherwise 0 and, if bad is not
 * NULL, stores the byte offset of the first byte of the first invalid
 * sequence. NUL bytes are valid UTF-8 here (the article loader rejects
 * them separately). */
int gl_utf8_valid(const char *s, size_t len, size_t *bad);

/* Decode the character at s[*i] of a string already known to be valid;
 * advances *i past it. */
uint32_t gl_utf8_next(const char *s, size_t *i);

/* Decode the character that ends at s[*i] (exclusive) of a valid string;
 * moves *i back to its first byte. *i must be > 0. */
uint32_t gl_utf8_prev(const char *s, size_t *i);

/* Encode cp (must be a scalar value) into out[0..4); returns its length. */
size_t gl_utf8_encode(uint32_t cp, char out[4]);

/* 1 when offset i of a valid string is a character boundary. */
static inline int gl_utf8_is_boundary(const char *s, size_t len, size_t i)
{
    return i == 0 || i >= len || (((unsigned char)s[i]) & 0xC0) != 0x80;
}

#endif

/* utf8.c - strict UTF-8 validation (RFC 3629), decoding and encoding.
 * Core layer. The validator runs over every article and whole corpora, so
 * ASCII runs are skipped sixteen bytes at a time. */
#include "utf8.h"

#include <string.h>

#define HI_BITS 0x8080808080808080ULL

/* Well-formed byte sequences, RFC 3629 section 4: the lead byte fixes the
 * length and the allowed range of the second byte; later bytes are always
 * 80..BF. Leads C0, C1 (overlong) and F5..FF (too large) never appear. */
static inline int seq_len(const unsigned char *p, size_t avail)
{
    unsigned char c = p[0], lo = 0x80, hi = 0xBF;
    int n;

    if (c < 0x80) return 1;
    if (c < 0xC2) return 0;
    if (c < 0xE0) {
        n = 2;
    } else if (c < 0xF0) {
        n = 3;
        if (c == 0xE0) lo = 0xA0;       /* overlong below U+0800 */
        else if (c == 0xED) hi = 0x9F;  /* surrogates U+D800..DFFF */
    } else if (c < 0xF5) {
        n = 4;
        if (c == 0xF0) lo = 0x90;       /* overlong below U+10000 */
        else if (c == 0xF4) hi = 0x8F;  /* above U+10FFFF */
    } else {
        return 0;
    }
    if (avail < (size_t)n) return 0;
    if (p[1] < lo || p[1] > hi) return 0;
    for (int k = 2; k < n; k++)
        if ((p[k] & 0xC0) != 0x80) return 0;
    return n;
}

/* Offset of the first byte with its high bit set in a word read by
 * memcpy from memory (m: the word masked with HI_BITS, not 0). */
static size_t first_high(uint64_t m)
{
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && \
    __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    return (size_t)__builtin_ctzll(m) >> 3;
#else
    unsigned char b[8];
    size_t k = 0;

    memcpy(b, &m, 8);
    while (!b[k]) k++;
    return k;
#endif
}

int gl_utf8_valid(const char *s, size_t len, size_t *bad)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;

    while (i < len) {
        int n;

        /* ASCII sixteen bytes at a time, then straight to the first
         * byte that is not; memcpy keeps the wide loads free of alignment
         * and aliasing UB, and compilers make each one plain load. */
        if (len - i >= 16) {
            uint64_t a, b, m;
            memcpy(&a, p + i, 8);
            memcpy(&b, p + i + 8, 8);
            if (!((a | b) & HI_BITS)) {
                i += 16;
                continue;
            }
            m = a & HI_BITS;
            if (!m) {
                i += 8;
                m = b & HI_BITS;
            }
            i += first_high(m);
        } else {
            while (i < len && p[i] < 0x80) i++;
            if (i >= len) break;
        }
        n = seq_len(p + i, len - i);
        if (n == 0) {
            if (bad) *bad = i;
            return 0;
        }
        i += (size_t)n;
    }
    return 1;
}

uint32_t gl_utf8_next(const char *s, size_t *i)
{
    const unsigned char *p = (const unsigned char *)s + *i;
    uint32_t c = p[0];

    if (c < 0x80) {
        *i += 1;
        return c;
    }
    if (c < 0xE0) {
        *i += 2;
        return ((c & 0x1F) << 6) | (p[1] & 0x3Fu);
    }
    if (c < 0xF0) {
        *i += 3;
        return ((c & 0x0F) << 12) | ((p[1] & 0x3Fu) << 6) | (p[2] & 0x3Fu);
    }
    *i += 4;
    return ((c & 0x07) << 18) | ((p[1] & 0x3Fu) << 12) |
           ((p[2] & 0x3Fu) << 6) | (p[3] & 0x3Fu);
}

uint32_t gl_utf8_prev(const char *s, size_t *i)
{
    size_t j = *i - 1;

    while (j > 0 && (((unsigned char)s[j]) & 0xC0) == 0x80) j--;
    *i = j;
    return gl_utf8_next(s, &j);
}

size_t gl_utf8_encode(uint32_t cp, char out[4])
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

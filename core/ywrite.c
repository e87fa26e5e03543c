/* ywrite.c - buffered output and libyaml-identical scalars for the YAML
 * writer. Core layer. The escaping rules follow libyaml 0.2.5's emitter
 * (its IS_PRINTABLE, IS_BOM and IS_BREAK tests); tests/unit/test_emit.c
 * compares every code point against libyaml itself. */
#include "ywrite.h"

#include <stdlib.h>

#include "util.h"

/* Large chunks keep the writer's per-call cost out of the profile. */
#define CHUNK 65536

void gl_yw_init(struct gl_yw *w, int (*write)(void *, const char *, size_t),
                void *ctx)
{
    w->p = NULL;
    w->len = w->cap = 0;
    w->write = write;
    w->ctx = ctx;
    w->fail = 0;
}

int gl_yw_flush(struct gl_yw *w)
{
    if (w->len && !w->fail && w->write(w->ctx, w->p, w->len)) w->fail = 1;
    w->len = 0;
    return w->fail ? -1 : 0;
}

void gl_yw_free(struct gl_yw *w)
{
    free(w->p);
    w->p = NULL;
    w->len = w->cap = 0;
}

char *gl_yw_grow(struct gl_yw *w, size_t n)
{
    if (w->len >= CHUNK / 2) gl_yw_flush(w);
    if (w->len + n > w->cap) {
        size_t cap = w->cap ? w->cap : CHUNK;
        while (cap < w->len + n) cap *= 2;
        w->p = xrealloc(w->p, cap);
        w->cap = cap;
    }
    return w->p + w->len;
}

/* Two digits per division: every annotation writes seven numbers. */
void gl_yw_u64(struct gl_yw *w, uint64_t v)
{
    static const char pairs[] =
        "0001020304050607080910111213141516171819"
        "2021222324252627282930313233343536373839"
        "4041424344454647484950515253545556575859"
        "6061626364656667686970717273747576777879"
        "8081828384858687888990919293949596979899";
    char tmp[20], *end = tmp + sizeof tmp, *p = end;

    while (v >= 100) {
        p -= 2;
        memcpy(p, pairs + 2 * (v % 100), 2);
        v /= 100;
    }
    if (v >= 10) {
        p -= 2;
        memcpy(p, pairs + 2 * v, 2);
    } else {
        *--p = (char)('0' + v);
    }
    gl_yw_put(w, p, (size_t)(end - p));
}

static char *hex(char *o, char kind, uint32_t v, int digits)
{
    static const char xd[] = "0123456789ABCDEF";

    *o++ = '\\';
    *o++ = kind;
    for (int k = (digits - 1) * 4; k >= 0; k -= 4) *o++ = xd[(v >> k) & 15];
    return o;
}

/* The escape of a character libyaml does not write as itself. */
static char *escape(char *o, uint32_t cp)
{
    char c = 0;

    switch (cp) {
    case 0x00: c = '0'; break;
    case 0x07: c = 'a'; break;
    case 0x08: c = 'b'; break;
    case 0x09: c = 't'; break;
    case 0x0A: c = 'n'; break;
    case 0x0B: c = 'v'; break;
    case 0x0C: c = 'f'; break;
    case 0x0D: c = 'r'; break;
    case 0x1B: c = 'e'; break;
    case 0x22: c = '"'; break;
    case 0x5C: c = '\\'; break;
    case 0x85: c = 'N'; break;
    case 0xA0: c = '_'; break;
    case 0x2028: c = 'L'; break;
    case 0x2029: c = 'P'; break;
    default:
        if (cp <= 0xFF) return hex(o, 'x', cp, 2);
        if (cp <= 0xFFFF) return hex(o, 'u', cp, 4);
        return hex(o, 'U', cp, 8);
    }
    *o++ = '\\';
    *o++ = c;
    return o;
}

static int ascii_plain(unsigned char c)
{
    return c >= 0x20 && c < 0x7F && c != '"' && c != '\\';
}

#define ONES 0x0101010101010101u
#define HIGHS 0x8080808080808080u

/* ascii_plain() for all 8 bytes of w at once: none below 0x20, none
 * above 0x7E, none a '"' or a '\\' (the usual zero-byte tests: exact
 * about whether such a byte exists, which is all that is asked). */
static int plain8(uint64_t w)
{
    uint64_t q = w ^ (ONES * '"'), b = w ^ (ONES * '\\');
    uint64_t bad = ((w - ONES * 0x20) & ~w) |      /* a byte < 0x20 */
                   ((w + ONES) | w) |                /* one > 0x7E */
                   ((q - ONES) & ~q) | ((b - ONES) & ~b);

    return (bad & HIGHS) == 0;
}

/* Byte length of the character led by c, and whether libyaml writes it
 * as itself: printable means U+00A0..U+D7FF and U+E000..U+FFFD, minus the
 * BOM and the two breaks U+2028/9; all of U+10000 and up is escaped. */
static size_t multibyte(const unsigned char *s, size_t left, int *raw)
{
    unsigned char c = s[0];

    if (c < 0xE0) {
        *raw = c > 0xC2 || (left > 1 && s[1] >= 0xA0);
        return 2;
    }
    if (c < 0xF0) {
        *raw = 1;
        if (c == 0xE2 && left > 2 && s[1] == 0x80 &&
            (s[2] == 0xA8 || s[2] == 0xA9))
            *raw = 0;
        if (c == 0xEF && left > 2 &&
            ((s[1] == 0xBB && s[2] == 0xBF) ||
             (s[1] == 0xBF && (s[2] == 0xBE || s[2] == 0xBF))))
            *raw = 0;
        return 3;
    }
    *raw = 0;
    return 4;
}

static uint32_t decode(const unsigned char *s, size_t n)
{
    uint32_t v = s[0] & (n == 2 ? 0x1F : n == 3 ? 0x0F : 0x07);

    for (size_t k = 1; k < n; k++) v = (v << 6) | (s[k] & 0x3F);
    return v;
}

void gl_yw_quoted(struct gl_yw *w, const char *str, size_t len)
{
    const unsigned char *s = (const unsigned char *)str;
    /* worst case: \xXX for each byte, or \UXXXXXXXX for 4 bytes */
    char *o = gl_yw_room(w, 4 * len + 2), *start = o;
    size_t i = 0;

    *o++ = '"';
    while (i < len) {
        size_t n;
        int raw;
        uint64_t word;

        /* text is mostly plain ASCII: take it 8 bytes at a time */
        while (len - i >= 8) {
            memcpy(&word, s + i, 8);
            if (!plain8(word)) break;
            memcpy(o, &word, 8);
            o += 8;
            i += 8;
        }
        while (i < len && ascii_plain(s[i])) *o++ = (char)s[i++];
        if (i >= len) break;
        if (s[i] < 0x80) {
            o = escape(o, s[i++]);
            continue;
        }
        if (s[i] < 0xC0 || s[i] > 0xF4) { /* not a lead byte: never valid */
            *o++ = (char)s[i++];
            continue;
        }
        n = multibyte(s + i, len - i, &raw);
        if (n > len - i) n = len - i;
        if (raw) memcpy(o, s + i, n), o += n;
        else o = escape(o, decode(s + i, n));
        i += n;
    }
    *o++ = '"';
    w->len += (size_t)(o - start);
}

int gl_yw_multiline(const char *str, size_t len)
{
    const unsigned char *s = (const unsigned char *)str;

    for (size_t i = 0; i < len; i++) {
        if (s[i] == '\n' || s[i] == '\r') return 1;
        if (s[i] == 0xC2 && i + 1 < len && s[i + 1] == 0x85) return 1;
        if (s[i] == 0xE2 && i + 2 < len && s[i + 1] == 0x80 &&
            (s[i + 2] == 0xA8 || s[i + 2] == 0xA9))
            return 1;
    }
    return 0;
}

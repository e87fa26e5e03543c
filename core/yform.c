/* yform.c - how a gloss file writes scalars: which strings may stand
 * plain (everything else is double-quoted, so no YAML reader can take a
 * string for a number, a boolean or null) and how numbers are spelled.
 * Shared by the writer (emit.c) and the test oracle (tests/unit/
 * emit_ref.c), so the oracle checks the writing, not a copy of the
 * decisions. Core layer. */
#include "yform.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int is_alpha(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* s[0..len) equals `word` (lower case, same length) ignoring ASCII case. */
static int ieq(const char *s, const char *word, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        if (c >= 'A' && c <= 'Z') c = (char)(c - 'A' + 'a');
        if (c != word[i]) return 0;
    }
    return 1;
}

/* 1 for the bytes a plain scalar may hold after its first letter:
 * [A-Za-z0-9_./-]. */
static const unsigned char plain_tail[256] = {
    ['-'] = 1, ['.'] = 1, ['/'] = 1, ['_'] = 1,
    ['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1,
    ['6'] = 1, ['7'] = 1, ['8'] = 1, ['9'] = 1,
    ['A'] = 1, ['B'] = 1, ['C'] = 1, ['D'] = 1, ['E'] = 1, ['F'] = 1,
    ['G'] = 1, ['H'] = 1, ['I'] = 1, ['J'] = 1, ['K'] = 1, ['L'] = 1,
    ['M'] = 1, ['N'] = 1, ['O'] = 1, ['P'] = 1, ['Q'] = 1, ['R'] = 1,
    ['S'] = 1, ['T'] = 1, ['U'] = 1, ['V'] = 1, ['W'] = 1, ['X'] = 1,
    ['Y'] = 1, ['Z'] = 1,
    ['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1, ['e'] = 1, ['f'] = 1,
    ['g'] = 1, ['h'] = 1, ['i'] = 1, ['j'] = 1, ['k'] = 1, ['l'] = 1,
    ['m'] = 1, ['n'] = 1, ['o'] = 1, ['p'] = 1, ['q'] = 1, ['r'] = 1,
    ['s'] = 1, ['t'] = 1, ['u'] = 1, ['v'] = 1, ['w'] = 1, ['x'] = 1,
    ['y'] = 1, ['z'] = 1,
};

/* Whether s (only letters, digits and _./-) is one of the words YAML 1.1
 * or 1.2 readers turn into booleans or null: y n yes no on off true false
 * null, in any case. Only words of the same length are compared. */
static int reserved(const char *s, size_t len)
{
    switch (len) {
    case 1: return ieq(s, "y", 1) || ieq(s, "n", 1);
    case 2: return ieq(s, "no", 2) || ieq(s, "on", 2);
    case 3: return ieq(s, "yes", 3) || ieq(s, "off", 3);
    case 4: return ieq(s, "true", 4) || ieq(s, "null", 4);
    case 5: return ieq(s, "false", 5);
    default: return 0;
    }
}

/* Plain style only for ^[A-Za-z][A-Za-z0-9_./-]*$ minus the words that
 * YAML 1.1 or 1.2 readers turn into booleans or null, so every reader
 * sees a string. */
int gl_yform_plain_ok(const char *s, size_t len)
{
    const unsigned char *u = (const unsigned char *)s;

    if (!len || !is_alpha(s[0])) return 0;
    for (size_t i = 1; i < len; i++)
        if (!plain_tail[u[i]]) return 0;
    return !reserved(s, len);
}

/* A version like 0.1.0 or 1.2.3-rc.1: two dots keep it from being a
 * number in any YAML schema, so it may stay plain. */
int gl_yform_version_ok(const char *s)
{
    int dots = 0;

    for (int part = 0; part < 3; part++) {
        if (!is_digit(*s)) return 0;
        while (is_digit(*s)) s++;
        if (part < 2) {
            if (*s != '.') return 0;
            s++, dots++;
        }
    }
    if (!*s) return dots == 2;
    if (*s != '-' && *s != '+') return 0;
    if (!*++s) return 0;
    for (; *s; s++)
        if (!is_alpha(*s) && !is_digit(*s) && *s != '.' && *s != '-')
            return 0;
    return 1;
}

/* Hex digest: plain unless it could read as an integer or float
 * (all digits, or digits 'e' digits), which is astronomically rare. */
int gl_yform_hex_plain_ok(const char *h)
{
    size_t i = 0;

    while (is_digit(h[i])) i++;
    if (!h[i]) return 0;
    if (h[i] == 'e' && i > 0) {
        size_t j = i + 1;
        while (is_digit(h[j])) j++;
        if (!h[j] && j > i + 1) return 0;
    }
    return 1;
}

/* Shortest of %.15g/%.16g/%.17g that strtod reads back to the same
 * double. gloss never calls setlocale, so printf and strtod use the "C"
 * locale and '.' as the decimal point. Always has a '.' before any
 * exponent (1 -> 1.0, 1e+20 -> 1.0e+20) so YAML 1.1 readers see a
 * float too. */
void gl_yform_fmt_num(double d, char out[48])
{
    char tmp[40];
    char *e;
    size_t n;

    for (int prec = 15; prec <= 17; prec++) {
        snprintf(tmp, sizeof tmp, "%.*g", prec, d);
        if (strtod(tmp, NULL) == d) break;
    }
    if (strchr(tmp, '.')) {
        memcpy(out, tmp, strlen(tmp) + 1);
        return;
    }
    e = strchr(tmp, 'e');
    n = e ? (size_t)(e - tmp) : strlen(tmp);
    memcpy(out, tmp, n);
    memcpy(out + n, ".0", 2);
    memcpy(out + n + 2, tmp + n, strlen(tmp + n) + 1);
}

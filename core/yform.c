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

static int ieq(const char *s, size_t len, const char *word)
{
    size_t i = 0;

    for (; i < len && word[i]; i++) {
        char c = s[i];
        if (c >= 'A' && c <= 'Z') c = (char)(c - 'A' + 'a');
        if (c != word[i]) return 0;
    }
    return i == len && !word[i];
}

/* Plain style only for ^[A-Za-z][A-Za-z0-9_./-]*$ minus the words that
 * YAML 1.1 or 1.2 readers turn into booleans or null, so every reader
 * sees a string. */
int gl_yform_plain_ok(const char *s, size_t len)
{
    static const char *const words[] = {"y", "n", "yes", "no", "on", "off",
                                        "true", "false", "null"};

    if (!len || !is_alpha(s[0])) return 0;
    for (size_t i = 1; i < len; i++)
        if (!is_alpha(s[i]) && !is_digit(s[i]) && s[i] != '_' &&
            s[i] != '.' && s[i] != '/' && s[i] != '-')
            return 0;
    for (size_t i = 0; i < sizeof words / sizeof *words; i++)
        if (ieq(s, len, words[i])) return 0;
    return 1;
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

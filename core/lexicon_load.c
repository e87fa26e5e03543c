/* lexicon_load.c - the lexicon file format (lexicon.h): one phrase per
 * line with TAB-separated key=value attributes, checked whole before
 * anything is added, so a bad file leaves the lexicon as it was. Core
 * layer, over the internal entry points of lexicon.c. */
#include "lexicon.h"
#include "lexicon_int.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "utf8.h"
#include "util.h"

static int is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

/* Trim ASCII blanks from both ends of [*s, *e). */
static void trim(const char *b, size_t *s, size_t *e)
{
    while (*s < *e && is_blank(b[*s])) (*s)++;
    while (*e > *s && is_blank(b[*e - 1])) (*e)--;
}

/* err->line and err->col (code points, BOM included) of the bad byte. */
static int utf8_error(const char *buf, size_t bad, const char *name,
                      struct gl_err *err)
{
    unsigned long line = 1, col = 1;
    size_t i;

    for (i = 0; i < bad; i++) {
        if (buf[i] == '\n') {
            line++;
            col = 1;
        } else if ((((unsigned char)buf[i]) & 0xC0) != 0x80) {
            col++;
        }
    }
    gl_err_set(err, GL_EUTF8, bad, "%s: line %lu: invalid UTF-8 at byte %zu",
               name, line, bad);
    if (err) {
        err->line = line;
        err->col = col;
    }
    return GL_EUTF8;
}

static int format_error(struct gl_err *err, const char *name,
                        unsigned long line, size_t off, const char *what)
{
    gl_err_set(err, GL_EFORMAT, off, "%s: line %lu: %s", name, line, what);
    if (err) err->line = line;
    return GL_EFORMAT;
}

/* Next TAB-separated attribute field after position *f in buf[.., e),
 * trimmed; 0 when there are no more. Empty fields are skipped. */
static int next_field(const char *buf, size_t *f, size_t e, size_t *ks,
                      size_t *ke)
{
    while (*f < e) {
        size_t fs = *f + 1, fe = e;
        const char *tab = fs < e ? memchr(buf + fs, '\t', e - fs) : NULL;

        if (tab) fe = (size_t)(tab - buf);
        *f = fe;
        *ks = fs;
        *ke = fe;
        trim(buf, ks, ke);
        if (*ks < *ke) return 1;
    }
    return 0;
}

/* Check one line buf[s, e) (no newline). Returns 1 with the phrase in
 * [*ps, *pe) and its attributes after *pe, 0 for a blank or comment
 * line, or an error status. Changes nothing but the token scratch. */
/* A printable ASCII character other than a space is always a token (a
 * word, number, punctuation or symbol): most phrases are checked without
 * running the tokenizer, which gl_lex_add runs anyway. */
static int has_ascii_token(const char *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)p[i] > 0x20 && (unsigned char)p[i] < 0x7F) return 1;
    return 0;
}

static int parse_line(struct gl_lexicon *lex, const char *buf, size_t s,
                      size_t e, unsigned long line, const char *name,
                      size_t *ps, size_t *pe, struct gl_err *err)
{
    size_t f, ks, ke;
    int has_attr = 0;

    *ps = s;
    while (*ps < e && is_blank(buf[*ps])) (*ps)++;
    if (*ps == e || buf[*ps] == '#') return 0;
    if (memchr(buf + s, '\0', e - s))
        return format_error(err, name, line, s, "NUL byte");
    {
        const char *tab = memchr(buf + s, '\t', e - s);
        *pe = tab ? (size_t)(tab - buf) : e;
    }
    *ps = s;
    for (f = *pe; next_field(buf, &f, e, &ks, &ke);) {
        has_attr = 1;
        if (buf[ks] == '=')
            return format_error(err, name, line, ks, "empty attribute key");
    }
    trim(buf, ps, pe);
    if (has_ascii_token(buf + *ps, *pe - *ps)) return 1;
    if (gl_lex_has_tokens(lex, buf + *ps, *pe - *ps)) return 1;
    /* a phrase part with no token is a blank line unless it carries
     * attributes, which would then belong to nothing */
    return has_attr ? format_error(err, name, line, s, "empty phrase") : 0;
}

/* Attach the attributes of a line to its entry. A field without '='
 * goes under "value". Keys already present are kept (first wins), which
 * is also what merges a phrase listed twice. */
static void add_attrs(struct gl_lexicon *lex, uint32_t entry, const char *buf,
                      size_t f, size_t e)
{
    size_t ks, ke, vs, ve;

    while (next_field(buf, &f, e, &ks, &ke)) {
        const char *eq = memchr(buf + ks, '=', ke - ks);

        if (!eq) {
            gl_lex_put_attr(lex, entry, "value", 5, buf + ks, ke - ks, 0);
            continue;
        }
        vs = (size_t)(eq - buf) + 1;
        ve = ke;
        ke = (size_t)(eq - buf);
        trim(buf, &ks, &ke);
        trim(buf, &vs, &ve);
        gl_lex_put_attr(lex, entry, buf + ks, ke - ks, buf + vs, ve - vs, 0);
    }
}

/* A checked line with a phrase: the phrase [ps, pe), the attributes up
 * to e. */
struct line {
    size_t ps, pe, e;
};

/* Two passes: check every line, then add them, so that a file with an
 * error leaves the lexicon as it was. The first pass keeps where each
 * phrase is, and sizes the tables for the second. */
int gl_lex_load_buffer(struct gl_lexicon *lex, const char *buf, size_t len,
                       const char *name, struct gl_err *err)
{
    size_t bad = 0, s = 0, nlines = 1, nl = 0, i;
    unsigned long line = 1;
    struct line *lines;
    const char *p;

    if (!name) name = "lexicon";
    if (!gl_utf8_valid(buf, len, &bad))
        return utf8_error(buf, bad, name, err);
    if (len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0) s = 3;
    for (p = buf + s; (p = memchr(p, '\n', len - (size_t)(p - buf))); p++)
        nlines++;
    lines = xreallocarray(NULL, nlines, sizeof *lines);
    for (; s < len; line++) {
        const char *eol = memchr(buf + s, '\n', len - s);
        size_t e = eol ? (size_t)(eol - buf) : len, ps, pe;
        int rc = parse_line(lex, buf, s, e, line, name, &ps, &pe, err);

        s = e + 1;
        if (rc < 0) {
            free(lines);
            return rc;
        }
        if (rc == 0) continue;
        lines[nl].ps = ps;
        lines[nl].pe = pe;
        lines[nl].e = e;
        nl++;
    }
    /* most phrases are a word or two; values and phrases fit in the
     * file's size */
    gl_lex_reserve(lex, 2 * nl, nl, len + 1);
    for (i = 0; i < nl; i++) {
        long entry = gl_lex_add_valid(lex, buf + lines[i].ps, lines[i].pe - lines[i].ps);
        if (entry >= 0) /* always, short of 2^31 entries: the line has tokens */
            add_attrs(lex, (uint32_t)entry, buf, lines[i].pe, lines[i].e);
    }
    free(lines);
    return GL_OK;
}

int gl_lex_load_file(struct gl_lexicon *lex, const char *path,
                     struct gl_err *err)
{
    FILE *fp = fopen(path, "rb");
    char *buf = NULL;
    size_t len = 0, cap = 0, got;
    int rc;

    if (!fp) {
        rc = gl_err_set(err, GL_EIO, 0, "%s: %s", path, strerror(errno));
        return rc;
    }
    do {
        GL_GROW(buf, cap, len + 65536);
        got = fread(buf + len, 1, cap - len, fp);
        len += got;
    } while (got > 0);
    if (ferror(fp)) {
        rc = gl_err_set(err, GL_EIO, 0, "%s: read error", path);
        fclose(fp);
        free(buf);
        return rc;
    }
    fclose(fp);
    rc = gl_lex_load_buffer(lex, buf, len, path, err);
    free(buf);
    return rc;
}

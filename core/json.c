/* json.c - strict JSON reader: recursive descent over a byte buffer into a
 * gl_jnode tree. Core layer. Numbers are converted here rather than with
 * strtod, whose decimal point follows the locale. */
#include "json.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "utf8.h"
#include "util.h"

struct rd {
    const char *b;
    size_t len, pos;
    int depth;
    struct gl_err *err;
};

void gl_json_linecol(const char *buf, size_t len, size_t offset,
                     unsigned long *line, unsigned long *col)
{
    unsigned long l = 1, c = 1;
    size_t i = 0;

    if (offset > len) offset = len;
    while (i < offset) {
        unsigned char ch = (unsigned char)buf[i];
        if (ch == '\n' || ch == '\r') {
            i += (ch == '\r' && i + 1 < len && buf[i + 1] == '\n') ? 2 : 1;
            l++, c = 1;
            continue;
        }
        i++;
        if ((ch & 0xC0) != 0x80) c++; /* one per character, not per byte */
    }
    *line = l;
    *col = c;
}

static int fail(struct rd *r, size_t off, int code, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static int fail(struct rd *r, size_t off, int code, const char *fmt, ...)
{
    char msg[200];
    unsigned long line, col;
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    gl_json_linecol(r->b, r->len, off, &line, &col);
    gl_err_set(r->err, code, off, "%s", msg);
    if (r->err) r->err->line = line, r->err->col = col;
    return code;
}

/* What is at pos, for "expected X, found Y" messages. */
static const char *found(const struct rd *r)
{
    if (r->pos >= r->len) return "the end of the input";
    switch (r->b[r->pos]) {
    case '}': return "'}'";
    case ']': return "']'";
    case ',': return "','";
    case ':': return "':'";
    case '"': return "a string";
    case '\'': return "a single quote (JSON strings use \")";
    case '/': return "a comment (not allowed in JSON)";
    default: return "an unexpected character";
    }
}

static void skip_ws(struct rd *r)
{
    while (r->pos < r->len) {
        char c = r->b[r->pos];
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r') break;
        r->pos++;
    }
}

static struct gl_jnode *node(enum gl_jkind k, size_t off)
{
    struct gl_jnode *n = xcalloc(1, sizeof *n);
    n->kind = k;
    n->offset = off;
    return n;
}

void gl_json_free(struct gl_jnode *n)
{
    if (!n) return;
    for (size_t i = 0; i < n->n; i++) gl_json_free(n->items[i]);
    free(n->items);
    free(n->str);
    free(n);
}

static int hex4(struct rd *r, size_t at, uint32_t *v)
{
    *v = 0;
    if (r->len - at < 4)
        return fail(r, at, GL_EFORMAT, "\\u needs four hex digits");
    for (int k = 0; k < 4; k++) {
        char c = r->b[at + k];
        uint32_t d;
        if (c >= '0' && c <= '9') d = (uint32_t)(c - '0');
        else if (c >= 'a' && c <= 'f') d = (uint32_t)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F') d = (uint32_t)(c - 'A' + 10);
        else return fail(r, at + k, GL_EFORMAT, "\\u needs four hex digits");
        *v = *v << 4 | d;
    }
    return GL_OK;
}

/* One escape after the backslash at r->pos - 1; appends its UTF-8. */
static int escape(struct rd *r, struct gl_buf *out)
{
    size_t at = r->pos - 1;
    uint32_t cp, lo;
    char u[4];
    int rc;

    if (r->pos >= r->len)
        return fail(r, at, GL_EFORMAT, "unterminated string");
    switch (r->b[r->pos++]) {
    case '"': gl_buf_putc(out, '"'); return GL_OK;
    case '\\': gl_buf_putc(out, '\\'); return GL_OK;
    case '/': gl_buf_putc(out, '/'); return GL_OK;
    case 'b': gl_buf_putc(out, '\b'); return GL_OK;
    case 'f': gl_buf_putc(out, '\f'); return GL_OK;
    case 'n': gl_buf_putc(out, '\n'); return GL_OK;
    case 'r': gl_buf_putc(out, '\r'); return GL_OK;
    case 't': gl_buf_putc(out, '\t'); return GL_OK;
    case 'u': break;
    default:
        return fail(r, at, GL_EFORMAT, "unknown escape '\\%c'",
                    r->b[r->pos - 1]);
    }
    if ((rc = hex4(r, r->pos, &cp))) return rc;
    r->pos += 4;
    if (cp >= 0xDC00 && cp <= 0xDFFF)
        return fail(r, at, GL_EFORMAT, "lone low surrogate \\u%04X", cp);
    if (cp >= 0xD800 && cp <= 0xDBFF) {
        /* UTF-16 pairs are how JSON spells characters beyond U+FFFF */
        if (r->len - r->pos < 6 || r->b[r->pos] != '\\' ||
            r->b[r->pos + 1] != 'u')
            return fail(r, at, GL_EFORMAT, "high surrogate \\u%04X not "
                        "followed by a low surrogate", cp);
        if ((rc = hex4(r, r->pos + 2, &lo))) return rc;
        if (lo < 0xDC00 || lo > 0xDFFF)
            return fail(r, at, GL_EFORMAT, "high surrogate \\u%04X not "
                        "followed by a low surrogate", cp);
        r->pos += 6;
        cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
    }
    gl_buf_add(out, u, gl_utf8_encode(cp, u));
    return GL_OK;
}

/* A string starting at the '"' at r->pos. */
static int string(struct rd *r, struct gl_jnode **out)
{
    size_t start = r->pos, run;
    struct gl_buf b = {0};
    int rc;

    r->pos++;
    gl_buf_add(&b, "", 0);
    for (;;) {
        run = r->pos;
        while (r->pos < r->len) {
            unsigned char c = (unsigned char)r->b[r->pos];
            if (c == '"' || c == '\\' || c < 0x20) break;
            r->pos++;
        }
        if (r->pos > run) {
            size_t bad;
            if (!gl_utf8_valid(r->b + run, r->pos - run, &bad)) {
                gl_buf_free(&b);
                return fail(r, run + bad, GL_EFORMAT, "invalid UTF-8 in a "
                            "string (byte offset %zu)", run + bad);
            }
            gl_buf_add(&b, r->b + run, r->pos - run);
        }
        if (r->pos >= r->len) {
            gl_buf_free(&b);
            return fail(r, start, GL_EFORMAT, "unterminated string");
        }
        if (r->b[r->pos] == '"') break;
        if (r->b[r->pos] != '\\') {
            gl_buf_free(&b);
            return fail(r, r->pos, GL_EFORMAT, "control character U+%04X in "
                        "a string (write it as an escape)",
                        (unsigned)(unsigned char)r->b[r->pos]);
        }
        r->pos++;
        if ((rc = escape(r, &b))) {
            gl_buf_free(&b);
            return rc;
        }
    }
    r->pos++;
    *out = node(GL_J_STRING, start);
    (*out)->str = b.p;
    (*out)->len = b.len;
    return GL_OK;
}

static int is_digit(char c) { return c >= '0' && c <= '9'; }

/* Decimal significand and exponent to the nearest double when the
 * significand fits in 53 bits and |exp| <= 22 (both factors exact, so one
 * rounding); otherwise through long double, which may be an ulp off. */
static double to_double(uint64_t mant, long e10)
{
    static const double p10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,
                                 1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                                 1e12, 1e13, 1e14, 1e15, 1e16, 1e17,
                                 1e18, 1e19, 1e20, 1e21, 1e22};
    long double v;

    if (mant == 0) return 0.0;
    if (mant < ((uint64_t)1 << 53) && e10 >= -22 && e10 <= 22)
        return e10 >= 0 ? (double)mant * p10[e10] : (double)mant / p10[-e10];
    if (e10 > 400) return HUGE_VAL;
    if (e10 < -400) return 0.0;
    v = (long double)mant;
    if (e10 >= 0) v *= powl(10.0L, (long double)e10);
    else v /= powl(10.0L, (long double)-e10);
    return (double)v;
}

static int number(struct rd *r, struct gl_jnode **out)
{
    size_t start = r->pos, p = r->pos;
    int neg = 0, exact = 1, digits = 0;
    uint64_t mant = 0, mag = 0;
    long e10 = 0, ex = 0;
    double v;

    if (p < r->len && r->b[p] == '-') neg = 1, p++;
    if (p >= r->len || !is_digit(r->b[p]))
        return fail(r, start, GL_EFORMAT, "expected a digit");
    if (r->b[p] == '0' && p + 1 < r->len && is_digit(r->b[p + 1]))
        return fail(r, start, GL_EFORMAT, "leading zero in a number");
    for (; p < r->len && is_digit(r->b[p]); p++) {
        unsigned d = (unsigned)(r->b[p] - '0');
        if (digits < 19) {
            mant = mant * 10 + d;
            if (mant) digits++;
        } else {
            e10++;
        }
        /* the exact integer, while it fits in int64's magnitude */
        if (mag > (UINT64_MAX - d) / 10) exact = 0;
        else mag = mag * 10 + d;
    }
    if (p < r->len && r->b[p] == '.') {
        exact = 0;
        if (++p >= r->len || !is_digit(r->b[p]))
            return fail(r, p, GL_EFORMAT, "expected a digit after '.'");
        for (; p < r->len && is_digit(r->b[p]); p++) {
            if (digits < 19) {
                mant = mant * 10 + (unsigned)(r->b[p] - '0');
                if (mant) digits++;
                e10--;
            }
        }
    }
    if (p < r->len && (r->b[p] == 'e' || r->b[p] == 'E')) {
        int eneg = 0;
        exact = 0;
        p++;
        if (p < r->len && (r->b[p] == '+' || r->b[p] == '-'))
            eneg = r->b[p++] == '-';
        if (p >= r->len || !is_digit(r->b[p]))
            return fail(r, p, GL_EFORMAT, "expected a digit in the exponent");
        for (; p < r->len && is_digit(r->b[p]); p++)
            if (ex < 100000) ex = ex * 10 + (r->b[p] - '0');
        e10 += eneg ? -ex : ex;
    }
    v = to_double(mant, e10);
    if (isinf(v))
        return fail(r, start, GL_EFORMAT, "number out of range");
    *out = node(GL_J_NUMBER, start);
    (*out)->num = neg ? -v : v;
    if (exact && mag <= (uint64_t)INT64_MAX + (uint64_t)neg) {
        (*out)->is_int = 1;
        (*out)->i = neg ? (int64_t)(0 - mag) : (int64_t)mag;
        /* "-0" reads as the integer 0 and the double -0.0 */
    }
    r->pos = p;
    return GL_OK;
}

static int value(struct rd *r, struct gl_jnode **out);

static void push(struct gl_jnode *n, size_t *cap, struct gl_jnode *item)
{
    GL_GROW(n->items, *cap, n->n + 1);
    n->items[n->n++] = item;
}

static int key_cmp(const void *a, const void *b)
{
    const struct gl_jnode *x = *(struct gl_jnode *const *)a;
    const struct gl_jnode *y = *(struct gl_jnode *const *)b;
    size_t m = x->len < y->len ? x->len : y->len;
    int c = memcmp(x->str, y->str, m);

    if (c) return c;
    if (x->len != y->len) return x->len < y->len ? -1 : 1;
    return x->offset < y->offset ? -1 : x->offset > y->offset;
}

static int same_key(const struct gl_jnode *x, const struct gl_jnode *y)
{
    return x->len == y->len && memcmp(x->str, y->str, x->len) == 0;
}

/* The earliest second occurrence of a key, or NULL. Sorting keeps large
 * objects (a corpus index, say) out of quadratic time. */
static const struct gl_jnode *dup_key(const struct gl_jnode *obj)
{
    size_t nk = obj->n / 2;
    const struct gl_jnode *best = NULL;
    struct gl_jnode **k;

    if (nk < 2) return NULL;
    if (nk <= 8) {
        for (size_t i = 1; i < nk && !best; i++)
            for (size_t j = 0; j < i; j++)
                if (same_key(obj->items[2 * i], obj->items[2 * j])) {
                    best = obj->items[2 * i];
                    break;
                }
        return best;
    }
    k = xreallocarray(NULL, nk, sizeof *k);
    for (size_t i = 0; i < nk; i++) k[i] = obj->items[2 * i];
    qsort(k, nk, sizeof *k, key_cmp);
    for (size_t i = 1; i < nk; i++)
        if (same_key(k[i - 1], k[i]) && (!best || k[i]->offset < best->offset))
            best = k[i];
    free(k);
    return best;
}

static int container(struct rd *r, struct gl_jnode **out)
{
    int obj = r->b[r->pos] == '{';
    char close = obj ? '}' : ']';
    struct gl_jnode *n = node(obj ? GL_J_OBJECT : GL_J_ARRAY, r->pos);
    struct gl_jnode *item;
    const struct gl_jnode *d;
    size_t cap = 0;
    int rc;

    if (++r->depth > GL_JSON_MAX_DEPTH) {
        gl_json_free(n);
        return fail(r, r->pos, GL_ETOOBIG, "nested more than %d deep",
                    GL_JSON_MAX_DEPTH);
    }
    r->pos++;
    skip_ws(r);
    if (r->pos < r->len && r->b[r->pos] == close) {
        r->pos++;
        goto done;
    }
    for (;;) {
        skip_ws(r);
        if (obj) {
            if (r->pos >= r->len || r->b[r->pos] != '"') {
                rc = fail(r, r->pos, GL_EFORMAT, "expected a key string, "
                          "found %s", found(r));
                goto bad;
            }
            if ((rc = string(r, &item))) goto bad;
            push(n, &cap, item);
            skip_ws(r);
            if (r->pos >= r->len || r->b[r->pos] != ':') {
                rc = fail(r, r->pos, GL_EFORMAT, "expected ':' after the "
                          "key, found %s", found(r));
                goto bad;
            }
            r->pos++;
        }
        if ((rc = value(r, &item))) goto bad;
        push(n, &cap, item);
        skip_ws(r);
        if (r->pos < r->len && r->b[r->pos] == ',') {
            r->pos++;
            skip_ws(r);
            if (r->pos < r->len && r->b[r->pos] == close) {
                rc = fail(r, r->pos, GL_EFORMAT, "trailing comma");
                goto bad;
            }
            continue;
        }
        if (r->pos < r->len && r->b[r->pos] == close) {
            r->pos++;
            break;
        }
        rc = fail(r, r->pos, GL_EFORMAT, "expected ',' or '%c', found %s",
                  close, found(r));
        goto bad;
    }
done:
    if (obj && (d = dup_key(n))) {
        rc = fail(r, d->offset, GL_EFORMAT, "duplicate key \"%.*s\"",
                  d->len > 60 ? 60 : (int)d->len, d->str);
        goto bad;
    }
    r->depth--;
    *out = n;
    return GL_OK;
bad:
    gl_json_free(n);
    return rc;
}

static int word(struct rd *r, const char *w, enum gl_jkind k,
                struct gl_jnode **out)
{
    size_t n = strlen(w);

    if (r->len - r->pos < n || memcmp(r->b + r->pos, w, n) != 0)
        return fail(r, r->pos, GL_EFORMAT, "expected a value");
    *out = node(k, r->pos);
    r->pos += n;
    return GL_OK;
}

static int value(struct rd *r, struct gl_jnode **out)
{
    skip_ws(r);
    *out = NULL;
    if (r->pos >= r->len)
        return fail(r, r->pos, GL_EFORMAT, "expected a value, found the end "
                    "of the input");
    switch (r->b[r->pos]) {
    case '{':
    case '[': return container(r, out);
    case '"': return string(r, out);
    case 't': return word(r, "true", GL_J_TRUE, out);
    case 'f': return word(r, "false", GL_J_FALSE, out);
    case 'n': return word(r, "null", GL_J_NULL, out);
    default:
        if (r->b[r->pos] == '-' || is_digit(r->b[r->pos]))
            return number(r, out);
        return fail(r, r->pos, GL_EFORMAT, "expected a value, found %s",
                    found(r));
    }
}

int gl_json_parse(const char *buf, size_t len, size_t *pos, const char *name,
                  struct gl_jnode **out, struct gl_err *err)
{
    struct rd r;
    int rc;

    (void)name; /* callers put the name in front of the message */
    r.b = buf;
    r.len = len;
    r.pos = *pos;
    r.depth = 0;
    r.err = err;
    rc = value(&r, out);
    if (rc == GL_OK) *pos = r.pos;
    return rc;
}

int gl_json_read(const char *buf, size_t len, const char *name,
                 struct gl_jnode **out, struct gl_err *err)
{
    size_t pos = 0;
    struct rd r;
    int rc;

    /* a UTF-8 BOM is not JSON (RFC 8259 8.1 lets parsers refuse it) */
    rc = gl_json_parse(buf, len, &pos, name, out, err);
    if (rc) return rc;
    r.b = buf, r.len = len, r.pos = pos, r.depth = 0, r.err = err;
    skip_ws(&r);
    if (r.pos < len) {
        gl_json_free(*out);
        *out = NULL;
        return fail(&r, r.pos, GL_EFORMAT, "text after the JSON value");
    }
    return GL_OK;
}

int gl_json_load(const char *path, struct gl_jnode **out, struct gl_err *err)
{
    struct gl_buf b = {0};
    struct stat st;
    char chunk[65536];
    ssize_t got;
    int fd, rc;

    *out = NULL;
    fd = open(path, O_RDONLY);
    if (fd < 0)
        return gl_err_set(err, GL_EIO, 0, "%s", strerror(errno));
    if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
        close(fd);
        return gl_err_set(err, GL_EIO, 0, "is a directory");
    }
    for (;;) {
        got = read(fd, chunk, sizeof chunk);
        if (got < 0 && errno == EINTR) continue;
        if (got < 0) {
            rc = gl_err_set(err, GL_EIO, 0, "%s", strerror(errno));
            close(fd);
            gl_buf_free(&b);
            return rc;
        }
        if (got == 0) break;
        if (b.len + (size_t)got > GL_JSON_MAX_FILE) {
            close(fd);
            gl_buf_free(&b);
            return gl_err_set(err, GL_ETOOBIG, 0, "larger than %zu bytes",
                              GL_JSON_MAX_FILE);
        }
        gl_buf_add(&b, chunk, (size_t)got);
    }
    close(fd);
    rc = gl_json_read(b.p ? b.p : "", b.len, path, out, err);
    gl_buf_free(&b);
    return rc;
}

const struct gl_jnode *gl_jobj_get(const struct gl_jnode *obj,
                                   const char *key)
{
    size_t n;

    if (!obj || obj->kind != GL_J_OBJECT) return NULL;
    n = strlen(key);
    for (size_t i = 0; i + 1 < obj->n; i += 2)
        if (obj->items[i]->len == n && memcmp(obj->items[i]->str, key, n) == 0)
            return obj->items[i + 1];
    return NULL;
}

const char *gl_json_kind_name(enum gl_jkind k)
{
    switch (k) {
    case GL_J_NULL: return "null";
    case GL_J_FALSE:
    case GL_J_TRUE: return "a boolean";
    case GL_J_NUMBER: return "a number";
    case GL_J_STRING: return "a string";
    case GL_J_ARRAY: return "an array";
    case GL_J_OBJECT: return "an object";
    }
    return "?";
}

/* annfile_fields.c - typed fields of an annotation file: strings, names,
 * numbers, words, attribute values (with their exact number forms) and
 * links, each refused with its line:col and a message a reviewer can act
 * on. Core layer. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "annfile_int.h"
#include "util.h"

int af_fail(struct rd *r, const struct gl_ynode *n, const char *fmt, ...)
{
    char msg[256];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    gl_err_set(r->err, GL_ESCHEMA, 0, "%s", msg);
    if (r->err) {
        r->err->line = n ? n->line : 0;
        r->err->col = n ? n->col : 0;
    }
    return GL_ESCHEMA;
}

/* A scalar for messages: at most 40 bytes, cut on a character boundary,
 * control characters as '?'. */
const char *af_shown(const char *s, size_t len, char out[48])
{
    size_t n = len > 40 ? 40 : len;

    while (n < len && n && ((unsigned char)s[n] & 0xC0) == 0x80) n--;
    for (size_t i = 0; i < n; i++)
        out[i] = (unsigned char)s[i] < 0x20 || s[i] == 0x7F ? '?' : s[i];
    if (n < len) memcpy(out + n, "...", 3), n += 3;
    out[n] = '\0';
    return out;
}

const char *af_kind_name(const struct gl_ynode *n)
{
    return n->kind == GL_Y_MAP ? "a mapping"
           : n->kind == GL_Y_SEQ ? "a list" : "a single value";
}

/* Levenshtein distance, capped: only "is it a likely typo" matters. */
static size_t dist(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b), row[32], prev, tmp;

    if (la > 30 || lb > 30) return 99;
    for (size_t j = 0; j <= lb; j++) row[j] = j;
    for (size_t i = 1; i <= la; i++) {
        prev = row[0];
        row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t best = prev + (a[i - 1] != b[j - 1]);
            if (row[j] + 1 < best) best = row[j] + 1;
            if (row[j - 1] + 1 < best) best = row[j - 1] + 1;
            tmp = row[j];
            row[j] = best;
            prev = tmp;
        }
    }
    return row[lb];
}

/* Every key of `map` must be in keys[]; `where` names the mapping. */
int af_known_keys(struct rd *r, const struct gl_ynode *map,
                      const char *const *keys, const char *where)
{
    char b[48];

    for (size_t i = 0; i < map->n; i += 2) {
        const struct gl_ynode *k = map->items[i];
        const char *near = NULL;
        size_t j, best = 3;

        for (j = 0; keys[j]; j++)
            if (strlen(keys[j]) == k->len && !memcmp(keys[j], k->str, k->len))
                break;
        if (keys[j]) continue;
        for (j = 0; keys[j]; j++) {
            size_t d = dist(k->str, keys[j]);
            if (d < best) best = d, near = keys[j];
        }
        if (near)
            return af_fail(r, k, "unknown key '%s' in %s (did you mean '%s'?)",
                        af_shown(k->str, k->len, b), where, near);
        return af_fail(r, k, "unknown key '%s' in %s", af_shown(k->str, k->len, b),
                    where);
    }
    return GL_OK;
}

int af_want_map(struct rd *r, const struct gl_ynode *n, const char *what)
{
    if (n->kind == GL_Y_MAP) return GL_OK;
    return af_fail(r, n, "%s must be a mapping (key: value lines), not %s", what,
                af_kind_name(n));
}

/* A required key; fails at the mapping when it is missing. */
const struct gl_ynode *af_need(struct rd *r, const struct gl_ynode *map,
                                   const char *key, const char *where)
{
    const struct gl_ynode *v = gl_ymap_get(map, key);

    if (!v) af_fail(r, map, "missing key '%s' in %s", key, where);
    return v;
}

int af_is_null(const struct gl_ynode *n)
{
    return n->kind == GL_Y_SCALAR && n->plain &&
           (n->len == 0 || !strcmp(n->str, "~") || !strcmp(n->str, "null") ||
            !strcmp(n->str, "Null") || !strcmp(n->str, "NULL"));
}

/* A string field: any scalar style, but not an empty plain value. */
int af_get_str(struct rd *r, const struct gl_ynode *n, const char *key,
                   char **out, size_t *len)
{
    if (n->kind != GL_Y_SCALAR)
        return af_fail(r, n, "'%s' must be text, not %s", key, af_kind_name(n));
    if (af_is_null(n))
        return af_fail(r, n, "'%s' has no value (write \"\" for empty text)",
                    key);
    *out = xmemdup(n->str, n->len);
    if (len) *len = n->len;
    return GL_OK;
}

/* A name (type, role, attribute key): a non-empty string on one line.
 * `what` names it in messages: "'type'", "an attribute name". */
int af_get_name(struct rd *r, const struct gl_ynode *n, const char *what,
                    char **out)
{
    if (n->kind != GL_Y_SCALAR)
        return af_fail(r, n, "%s must be text, not %s", what, af_kind_name(n));
    if (af_is_null(n) || n->len == 0 || memchr(n->str, '\0', n->len) ||
        strpbrk(n->str, "\n\r\t"))
        return af_fail(r, n, "%s must be a non-empty name on one line", what);
    *out = xmemdup(n->str, n->len);
    return GL_OK;
}

/* Plain decimal digits, at most `max`. */
int af_get_uint(struct rd *r, const struct gl_ynode *n, const char *key,
                    uint64_t max, uint64_t *out)
{
    uint64_t v = 0;
    char b[48];

    if (n->kind != GL_Y_SCALAR)
        return af_fail(r, n, "'%s' must be a whole number, not %s", key,
                    af_kind_name(n));
    if (!n->plain)
        return af_fail(r, n, "'%s' must be a whole number without quotes, not "
                    "the text \"%s\"", key, af_shown(n->str, n->len, b));
    if (n->len == 0)
        return af_fail(r, n, "'%s' has no value", key);
    for (size_t i = 0; i < n->len; i++) {
        unsigned d = (unsigned)(n->str[i] - '0');
        if (d > 9)
            return af_fail(r, n, "'%s' must be a whole number (0, 1, 2, ...), "
                        "not '%s'", key, af_shown(n->str, n->len, b));
        if (v > (max - d) / 10)
            return af_fail(r, n, "'%s' is too large (%s)", key,
                        af_shown(n->str, n->len, b));
        v = v * 10 + d;
    }
    *out = v;
    return GL_OK;
}

int af_get_u32(struct rd *r, const struct gl_ynode *n, const char *key,
                   uint32_t *out)
{
    uint64_t v;
    int rc = af_get_uint(r, n, key, UINT32_MAX, &v);

    if (!rc) *out = (uint32_t)v;
    return rc;
}

int af_get_bool(struct rd *r, const struct gl_ynode *n, const char *key,
                    int *out)
{
    if (n->kind == GL_Y_SCALAR && n->plain && !strcmp(n->str, "true"))
        return *out = 1, GL_OK;
    if (n->kind == GL_Y_SCALAR && n->plain && !strcmp(n->str, "false"))
        return *out = 0, GL_OK;
    return af_fail(r, n, "'%s' must be true or false (without quotes)", key);
}

/* One of words[] (any scalar style); its index in *out. */
int af_get_word(struct rd *r, const struct gl_ynode *n, const char *key,
                    const char *const *words, const char *list, int *out)
{
    char b[48];

    if (n->kind == GL_Y_SCALAR)
        for (int i = 0; words[i]; i++)
            if (!strcmp(n->str, words[i]) && strlen(words[i]) == n->len)
                return *out = i, GL_OK;
    if (n->kind != GL_Y_SCALAR)
        return af_fail(r, n, "'%s' must be one of %s, not %s", key, list,
                    af_kind_name(n));
    return af_fail(r, n, "'%s' must be one of %s, not '%s'", key, list,
                af_shown(n->str, n->len, b));
}

/* ---- attribute values -------------------------------------------------- */

static int digits(const char *s, size_t *i)
{
    size_t k = *i;
    while (s[*i] >= '0' && s[*i] <= '9') (*i)++;
    return *i > k;
}

/* -?D+ ; -?D+.D*([eE][+-]?D+)? ; -?D+[eE][+-]?D+ (what emit.c writes and
 * what people type). 1 int, 2 decimal, 0 neither. */
static int num_form(const char *s, size_t len)
{
    size_t i = 0;
    int dec = 0;

    if (s[i] == '-') i++;
    if (!digits(s, &i)) return 0;
    if (s[i] == '.') i++, digits(s, &i), dec = 1;
    if (s[i] == 'e' || s[i] == 'E') {
        i++;
        if (s[i] == '+' || s[i] == '-') i++;
        if (!digits(s, &i)) return 0;
        dec = 1;
    }
    return i == len ? 1 + dec : 0;
}

/* Decimal text -> double. Up to 19 significant digits and a power of ten
 * within 22 are exact in doubles (one correctly rounded operation); gloss's
 * own output mostly falls there. Beyond, strtod: gloss never calls
 * setlocale, so it reads '.' as in the "C" locale, the syntax was checked
 * above and the whole string must be consumed, so a locale could never
 * make it silently read something else. */
static double to_double(const char *s)
{
    static const double p10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,
                                 1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                                 1e12, 1e13, 1e14, 1e15, 1e16, 1e17,
                                 1e18, 1e19, 1e20, 1e21, 1e22};
    uint64_t m = 0;
    int neg = 0, nd = 0, exp = 0, esign = 1, e = 0;
    const char *p = s;

    if (*p == '-') neg = 1, p++;
    while (*p == '0') p++;
    for (; *p >= '0' && *p <= '9'; p++) {
        if (nd < 19) m = m * 10 + (uint64_t)(*p - '0'), nd += m > 0;
        else exp++;
    }
    if (*p == '.')
        for (p++; *p >= '0' && *p <= '9'; p++)
            if (nd < 19) {
                m = m * 10 + (uint64_t)(*p - '0');
                nd += m > 0;
                exp--;
            }
    if (*p == 'e' || *p == 'E') {
        p++;
        if (*p == '+' || *p == '-') esign = *p++ == '-' ? -1 : 1;
        for (; *p >= '0' && *p <= '9' && e < 10000; p++)
            e = e * 10 + (*p - '0');
    }
    exp += esign * e;
    if (m < ((uint64_t)1 << 53) && exp >= -22 && exp <= 22) {
        double d = (double)m;
        d = exp < 0 ? d / p10[-exp] : d * p10[exp];
        return neg ? -d : d;
    }
    return strtod(s, NULL);
}

static char lower(char c)
{
    return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

int af_get_value(struct rd *r, const struct gl_ynode *n, const char *key,
                     int depth, struct gl_value *v)
{
    static const char *const amb[] = {"y", "n", "yes", "no", "on", "off",
                                      ".inf", "-.inf", ".nan", NULL};
    char b[48];
    int form;

    memset(v, 0, sizeof *v);
    if (n->kind == GL_Y_MAP)
        return af_fail(r, n, "attribute '%s' must be a value or a list, not a "
                    "mapping", key);
    if (n->kind == GL_Y_SEQ) {
        if (depth >= GL_YAML_MAX_DEPTH)
            return af_fail(r, n, "attribute '%s' nests lists too deep", key);
        v->t = GL_V_LIST;
        v->u.list.v = xcalloc(n->n ? n->n : 1, sizeof *v->u.list.v);
        for (size_t i = 0; i < n->n; i++) {
            int rc = af_get_value(r, n->items[i], key, depth + 1,
                               &v->u.list.v[i]);
            v->u.list.n = i + (rc == GL_OK);
            if (rc) return rc;
        }
        return GL_OK;
    }
    if (!n->plain) {
        v->t = GL_V_STR;
        v->u.s.p = xmemdup(n->str, n->len);
        v->u.s.len = n->len;
        return GL_OK;
    }
    if (af_is_null(n))
        return af_fail(r, n, "attribute '%s' has no value (write \"\" for empty "
                    "text)", key);
    for (int i = 0; amb[i]; i++) {
        size_t k = 0;
        while (amb[i][k] && k < n->len && lower(n->str[k]) == amb[i][k])
            k++;
        if (!amb[i][k] && k == n->len)
            return af_fail(r, n, "attribute '%s': '%s' can be read as a boolean "
                        "or a number; write true or false, or put text in "
                        "quotes (\"%s\")", key, af_shown(n->str, n->len, b), b);
    }
    if (!strcmp(n->str, "true") || !strcmp(n->str, "false")) {
        v->t = GL_V_BOOL;
        v->u.b = n->str[0] == 't';
        return GL_OK;
    }
    form = num_form(n->str, n->len);
    if (form == 1) {
        uint64_t m = 0, lim = n->str[0] == '-' ? (uint64_t)INT64_MAX + 1
                                                : (uint64_t)INT64_MAX;
        for (size_t i = n->str[0] == '-'; i < n->len; i++) {
            unsigned d = (unsigned)(n->str[i] - '0');
            if (m > (lim - d) / 10)
                return af_fail(r, n, "attribute '%s': %s is too large for a "
                            "whole number", key, af_shown(n->str, n->len, b));
            m = m * 10 + d;
        }
        v->t = GL_V_INT;
        v->u.i = n->str[0] == '-' ? (int64_t)(0 - m) : (int64_t)m;
        return GL_OK;
    }
    if (form == 2) {
        v->t = GL_V_NUM;
        v->u.n = to_double(n->str);
        if (v->u.n - v->u.n != 0)
            return af_fail(r, n, "attribute '%s': %s is too large a number",
                        key, af_shown(n->str, n->len, b));
        return GL_OK;
    }
    v->t = GL_V_STR;
    v->u.s.p = xmemdup(n->str, n->len);
    v->u.s.len = n->len;
    return GL_OK;
}

static int attr_cmp(const void *pa, const void *pb)
{
    const struct gl_attr *a = pa, *b = pb;
    return strcmp(a->key, b->key);
}

int af_get_attrs(struct rd *r, const struct gl_ynode *n,
                     struct gl_af_ann *a)
{
    int rc;

    if ((rc = af_want_map(r, n, "'attrs'"))) return rc;
    a->attrs = xcalloc(n->n / 2 + 1, sizeof *a->attrs);
    for (size_t i = 0; i < n->n; i += 2) {
        struct gl_attr *at = &a->attrs[a->nattrs];
        if ((rc = af_get_name(r, n->items[i], "an attribute name", &at->key)))
            return rc;
        a->nattrs++;
        if ((rc = af_get_value(r, n->items[i + 1], at->key, 4, &at->val)))
            return rc;
    }
    qsort(a->attrs, a->nattrs, sizeof *a->attrs, attr_cmp);
    return GL_OK;
}

/* A link target: an id, written as a plain whole number. */
static int target(struct rd *r, const struct gl_ynode *n, const char *role,
                  uint32_t *t)
{
    char b[48];
    size_t i = 0;

    if (n->kind == GL_Y_SCALAR && n->plain && n->len)
        while (i < n->len && n->str[i] >= '0' && n->str[i] <= '9') i++;
    if (n->kind == GL_Y_SCALAR && (i < n->len || !n->len || !n->plain))
        return af_fail(r, n, "link '%s' must point at an id (a whole number "
                    "without quotes), not '%s'", role,
                    af_shown(n->str, n->len, b));
    if (n->kind != GL_Y_SCALAR)
        return af_fail(r, n, "link '%s' must point at an id, not %s", role,
                    af_kind_name(n));
    return af_get_u32(r, n, "link target", t);
}

static void add_link(struct gl_af_ann *a, size_t *cap, const char *role,
                     uint32_t t, const struct gl_ynode *n)
{
    GL_GROW(a->links, *cap, a->nlinks + 1);
    a->links[a->nlinks].role = xstrdup(role);
    a->links[a->nlinks].target = t;
    a->links[a->nlinks].line = n->line;
    a->links[a->nlinks].col = n->col;
    a->nlinks++;
}

int af_get_links(struct rd *r, const struct gl_ynode *n,
                     struct gl_af_ann *a)
{
    size_t cap = 0;
    int rc;

    if ((rc = af_want_map(r, n, "'links'"))) return rc;
    for (size_t i = 0; i < n->n; i += 2) {
        const struct gl_ynode *v = n->items[i + 1];
        char *role = NULL;
        uint32_t t;

        if ((rc = af_get_name(r, n->items[i], "a link role", &role))) return rc;
        if (v->kind == GL_Y_SEQ && v->n == 0) {
            rc = af_fail(r, v, "link '%s' has no targets (give an id, or a list "
                      "of ids)", role);
        } else if (v->kind == GL_Y_SEQ) {
            for (size_t j = 0; j < v->n && !rc; j++) {
                rc = target(r, v->items[j], role, &t);
                if (!rc) add_link(a, &cap, role, t, v->items[j]);
            }
        } else if (v->kind == GL_Y_MAP) {
            rc = af_fail(r, v, "link '%s' must be an id or a list of ids, not a "
                      "mapping", role);
        } else {
            rc = target(r, v, role, &t);
            if (!rc) add_link(a, &cap, role, t, v);
        }
        free(role);
        if (rc) return rc;
    }
    return GL_OK;
}

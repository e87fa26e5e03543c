/* annfile.c - read an annotation file back into a struct gl_annfile: the
 * YAML tree from yread.c checked against schema version 1, with messages a
 * reviewer can act on. Core layer. The schema is annotations/SCHEMA.md. */
#include "annfile.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "yread.h"

struct rd {
    struct gl_err *err;
    struct gl_annfile *f;
};

static int fail(struct rd *r, const struct gl_ynode *n, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static int fail(struct rd *r, const struct gl_ynode *n, const char *fmt, ...)
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
static const char *shown(const char *s, size_t len, char out[48])
{
    size_t n = len > 40 ? 40 : len;

    while (n < len && n && ((unsigned char)s[n] & 0xC0) == 0x80) n--;
    for (size_t i = 0; i < n; i++)
        out[i] = (unsigned char)s[i] < 0x20 || s[i] == 0x7F ? '?' : s[i];
    if (n < len) memcpy(out + n, "...", 3), n += 3;
    out[n] = '\0';
    return out;
}

static const char *kind_name(const struct gl_ynode *n)
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
static int known_keys(struct rd *r, const struct gl_ynode *map,
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
            return fail(r, k, "unknown key '%s' in %s (did you mean '%s'?)",
                        shown(k->str, k->len, b), where, near);
        return fail(r, k, "unknown key '%s' in %s", shown(k->str, k->len, b),
                    where);
    }
    return GL_OK;
}

static int want_map(struct rd *r, const struct gl_ynode *n, const char *what)
{
    if (n->kind == GL_Y_MAP) return GL_OK;
    return fail(r, n, "%s must be a mapping (key: value lines), not %s", what,
                kind_name(n));
}

/* A required key; fails at the mapping when it is missing. */
static const struct gl_ynode *need(struct rd *r, const struct gl_ynode *map,
                                   const char *key, const char *where)
{
    const struct gl_ynode *v = gl_ymap_get(map, key);

    if (!v) fail(r, map, "missing key '%s' in %s", key, where);
    return v;
}

static int is_null(const struct gl_ynode *n)
{
    return n->kind == GL_Y_SCALAR && n->plain &&
           (n->len == 0 || !strcmp(n->str, "~") || !strcmp(n->str, "null") ||
            !strcmp(n->str, "Null") || !strcmp(n->str, "NULL"));
}

/* A string field: any scalar style, but not an empty plain value. */
static int get_str(struct rd *r, const struct gl_ynode *n, const char *key,
                   char **out, size_t *len)
{
    if (n->kind != GL_Y_SCALAR)
        return fail(r, n, "'%s' must be text, not %s", key, kind_name(n));
    if (is_null(n))
        return fail(r, n, "'%s' has no value (write \"\" for empty text)",
                    key);
    *out = xmemdup(n->str, n->len);
    if (len) *len = n->len;
    return GL_OK;
}

/* A name (type, role, attribute key): a non-empty string on one line.
 * `what` names it in messages: "'type'", "an attribute name". */
static int get_name(struct rd *r, const struct gl_ynode *n, const char *what,
                    char **out)
{
    if (n->kind != GL_Y_SCALAR)
        return fail(r, n, "%s must be text, not %s", what, kind_name(n));
    if (is_null(n) || n->len == 0 || memchr(n->str, '\0', n->len) ||
        strpbrk(n->str, "\n\r\t"))
        return fail(r, n, "%s must be a non-empty name on one line", what);
    *out = xmemdup(n->str, n->len);
    return GL_OK;
}

/* Plain decimal digits, at most `max`. */
static int get_uint(struct rd *r, const struct gl_ynode *n, const char *key,
                    uint64_t max, uint64_t *out)
{
    uint64_t v = 0;
    char b[48];

    if (n->kind != GL_Y_SCALAR)
        return fail(r, n, "'%s' must be a whole number, not %s", key,
                    kind_name(n));
    if (!n->plain)
        return fail(r, n, "'%s' must be a whole number without quotes, not "
                    "the text \"%s\"", key, shown(n->str, n->len, b));
    if (n->len == 0)
        return fail(r, n, "'%s' has no value", key);
    for (size_t i = 0; i < n->len; i++) {
        unsigned d = (unsigned)(n->str[i] - '0');
        if (d > 9)
            return fail(r, n, "'%s' must be a whole number (0, 1, 2, ...), "
                        "not '%s'", key, shown(n->str, n->len, b));
        if (v > (max - d) / 10)
            return fail(r, n, "'%s' is too large (%s)", key,
                        shown(n->str, n->len, b));
        v = v * 10 + d;
    }
    *out = v;
    return GL_OK;
}

static int get_u32(struct rd *r, const struct gl_ynode *n, const char *key,
                   uint32_t *out)
{
    uint64_t v;
    int rc = get_uint(r, n, key, UINT32_MAX, &v);

    if (!rc) *out = (uint32_t)v;
    return rc;
}

static int get_bool(struct rd *r, const struct gl_ynode *n, const char *key,
                    int *out)
{
    if (n->kind == GL_Y_SCALAR && n->plain && !strcmp(n->str, "true"))
        return *out = 1, GL_OK;
    if (n->kind == GL_Y_SCALAR && n->plain && !strcmp(n->str, "false"))
        return *out = 0, GL_OK;
    return fail(r, n, "'%s' must be true or false (without quotes)", key);
}

/* One of words[] (any scalar style); its index in *out. */
static int get_word(struct rd *r, const struct gl_ynode *n, const char *key,
                    const char *const *words, const char *list, int *out)
{
    char b[48];

    if (n->kind == GL_Y_SCALAR)
        for (int i = 0; words[i]; i++)
            if (!strcmp(n->str, words[i]) && strlen(words[i]) == n->len)
                return *out = i, GL_OK;
    if (n->kind != GL_Y_SCALAR)
        return fail(r, n, "'%s' must be one of %s, not %s", key, list,
                    kind_name(n));
    return fail(r, n, "'%s' must be one of %s, not '%s'", key, list,
                shown(n->str, n->len, b));
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

static int get_value(struct rd *r, const struct gl_ynode *n, const char *key,
                     int depth, struct gl_value *v)
{
    static const char *const amb[] = {"y", "n", "yes", "no", "on", "off",
                                      ".inf", "-.inf", ".nan", NULL};
    char b[48];
    int form;

    memset(v, 0, sizeof *v);
    if (n->kind == GL_Y_MAP)
        return fail(r, n, "attribute '%s' must be a value or a list, not a "
                    "mapping", key);
    if (n->kind == GL_Y_SEQ) {
        if (depth >= GL_YAML_MAX_DEPTH)
            return fail(r, n, "attribute '%s' nests lists too deep", key);
        v->t = GL_V_LIST;
        v->u.list.v = xcalloc(n->n ? n->n : 1, sizeof *v->u.list.v);
        for (size_t i = 0; i < n->n; i++) {
            int rc = get_value(r, n->items[i], key, depth + 1,
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
    if (is_null(n))
        return fail(r, n, "attribute '%s' has no value (write \"\" for empty "
                    "text)", key);
    for (int i = 0; amb[i]; i++) {
        size_t k = 0;
        while (amb[i][k] && k < n->len && lower(n->str[k]) == amb[i][k])
            k++;
        if (!amb[i][k] && k == n->len)
            return fail(r, n, "attribute '%s': '%s' can be read as a boolean "
                        "or a number; write true or false, or put text in "
                        "quotes (\"%s\")", key, shown(n->str, n->len, b), b);
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
                return fail(r, n, "attribute '%s': %s is too large for a "
                            "whole number", key, shown(n->str, n->len, b));
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
            return fail(r, n, "attribute '%s': %s is too large a number",
                        key, shown(n->str, n->len, b));
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

static int get_attrs(struct rd *r, const struct gl_ynode *n,
                     struct gl_af_ann *a)
{
    int rc;

    if ((rc = want_map(r, n, "'attrs'"))) return rc;
    a->attrs = xcalloc(n->n / 2 + 1, sizeof *a->attrs);
    for (size_t i = 0; i < n->n; i += 2) {
        struct gl_attr *at = &a->attrs[a->nattrs];
        if ((rc = get_name(r, n->items[i], "an attribute name", &at->key)))
            return rc;
        a->nattrs++;
        if ((rc = get_value(r, n->items[i + 1], at->key, 4, &at->val)))
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
        return fail(r, n, "link '%s' must point at an id (a whole number "
                    "without quotes), not '%s'", role,
                    shown(n->str, n->len, b));
    if (n->kind != GL_Y_SCALAR)
        return fail(r, n, "link '%s' must point at an id, not %s", role,
                    kind_name(n));
    return get_u32(r, n, "link target", t);
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

static int get_links(struct rd *r, const struct gl_ynode *n,
                     struct gl_af_ann *a)
{
    size_t cap = 0;
    int rc;

    if ((rc = want_map(r, n, "'links'"))) return rc;
    for (size_t i = 0; i < n->n; i += 2) {
        const struct gl_ynode *v = n->items[i + 1];
        char *role = NULL;
        uint32_t t;

        if ((rc = get_name(r, n->items[i], "a link role", &role))) return rc;
        if (v->kind == GL_Y_SEQ && v->n == 0) {
            rc = fail(r, v, "link '%s' has no targets (give an id, or a list "
                      "of ids)", role);
        } else if (v->kind == GL_Y_SEQ) {
            for (size_t j = 0; j < v->n && !rc; j++) {
                rc = target(r, v->items[j], role, &t);
                if (!rc) add_link(a, &cap, role, t, v->items[j]);
            }
        } else if (v->kind == GL_Y_MAP) {
            rc = fail(r, v, "link '%s' must be an id or a list of ids, not a "
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

/* ---- one annotation ---------------------------------------------------- */

static const char *const ann_keys[] = {
    "id", "type", "text", "start", "end", "byte_start", "byte_end", "line",
    "col", "attrs", "links", "rule", "review", "note", "why", NULL};

static int pair(struct rd *r, const struct gl_ynode *m, const char *k1,
                const char *k2, uint32_t *v1, uint32_t *v2, int *has)
{
    const struct gl_ynode *a = gl_ymap_get(m, k1), *b = gl_ymap_get(m, k2);
    int rc;

    *has = 0;
    if (!a && !b) return GL_OK;
    if (!a || !b)
        return fail(r, a ? a : b, "'%s' and '%s' go together: give both or "
                    "neither", k1, k2);
    if ((rc = get_u32(r, a, k1, v1)) || (rc = get_u32(r, b, k2, v2)))
        return rc;
    if (*v2 < *v1)
        return fail(r, b, "'%s' (%lu) is before '%s' (%lu)", k2,
                    (unsigned long)*v2, k1, (unsigned long)*v1);
    *has = 1;
    return GL_OK;
}

static int get_ann(struct rd *r, const struct gl_ynode *m, struct gl_af_ann *a)
{
    static const char *const reviews[] = {"pending", "accepted", "rejected",
                                          "edited", NULL};
    const struct gl_ynode *v;
    uint64_t u;
    int rc, has, word;

    a->yline = m->line;
    a->ycol = m->col;
    if ((rc = want_map(r, m, "each annotation"))) return rc;
    if ((rc = known_keys(r, m, ann_keys, "an annotation"))) return rc;
    if ((v = gl_ymap_get(m, "rule")) &&
        (rc = get_str(r, v, "rule", &a->rule, NULL)))
        return rc;
    if (a->rule) {
        /* written by gloss: everything gloss writes must still be there */
        static const char *const req[] = {"id", "type", "text", "start",
                                          "end", "byte_start", "byte_end",
                                          "line", "col", "review", NULL};
        for (int i = 0; req[i]; i++)
            if (!gl_ymap_get(m, req[i]))
                return fail(r, m, "missing key '%s' in this annotation (only "
                            "annotations added by hand, without 'rule', may "
                            "leave it out)", req[i]);
    }
    if (!(v = need(r, m, "type", "this annotation"))) return GL_ESCHEMA;
    if ((rc = get_name(r, v, "'type'", &a->type))) return rc;
    if (!(v = need(r, m, "text", "this annotation"))) return GL_ESCHEMA;
    if ((rc = get_str(r, v, "text", &a->text, &a->tlen))) return rc;
    if ((v = gl_ymap_get(m, "id"))) {
        if ((rc = get_u32(r, v, "id", &a->id))) return rc;
        if (a->id == 0) return fail(r, v, "'id' must be 1 or more");
        a->has |= GL_AF_ID;
    }
    if ((rc = pair(r, m, "start", "end", &a->start, &a->end, &has))) return rc;
    if (has) a->has |= GL_AF_START;
    if ((rc = pair(r, m, "byte_start", "byte_end", &a->byte_start,
                   &a->byte_end, &has)))
        return rc;
    if (has) a->has |= GL_AF_BYTES;
    if ((v = gl_ymap_get(m, "line"))) {
        if ((rc = get_uint(r, v, "line", UINT32_MAX, &u))) return rc;
        if (u == 0) return fail(r, v, "'line' must be 1 or more");
        a->line = (unsigned long)u;
        a->has |= GL_AF_LINE;
    }
    if ((v = gl_ymap_get(m, "col"))) {
        if (!(a->has & GL_AF_LINE))
            return fail(r, v, "'col' needs a 'line' as well");
        if ((rc = get_uint(r, v, "col", UINT32_MAX, &u))) return rc;
        if (u == 0) return fail(r, v, "'col' must be 1 or more");
        a->col = (unsigned long)u;
        a->has |= GL_AF_COL;
    }
    if (!a->rule && a->tlen == 0 && !(a->has & (GL_AF_START | GL_AF_BYTES)))
        return fail(r, gl_ymap_get(m, "text"), "an annotation added by hand "
                    "needs a non-empty 'text' (or its offsets)");
    if ((v = gl_ymap_get(m, "attrs")) && (rc = get_attrs(r, v, a))) return rc;
    if ((v = gl_ymap_get(m, "links")) && (rc = get_links(r, v, a))) return rc;
    a->review = a->rule ? GL_REVIEW_PENDING : GL_REVIEW_ACCEPTED;
    if ((v = gl_ymap_get(m, "review"))) {
        if ((rc = get_word(r, v, "review", reviews,
                           "pending, accepted, rejected, edited", &word)))
            return rc;
        a->review = (enum gl_review)word;
        a->has |= GL_AF_REVIEW;
    }
    if ((v = gl_ymap_get(m, "note")) &&
        (rc = get_str(r, v, "note", &a->note, NULL)))
        return rc;
    return GL_OK;
}

/* ---- what --explain adds: why and near_misses -------------------------- */

static int opt_str(struct rd *r, const struct gl_ynode *m, const char *key,
                   char **out)
{
    const struct gl_ynode *v = gl_ymap_get(m, key);
    return v ? get_str(r, v, key, out, NULL) : GL_OK;
}

/* {text, start, end} (code points), plus line and col for a near miss */
static int get_espan(struct rd *r, const struct gl_ynode *m,
                     struct gl_espan *sp, const char *where)
{
    const struct gl_ynode *v;
    int rc;

    if (!(v = need(r, m, "text", where))) return GL_ESCHEMA;
    if ((rc = get_str(r, v, "text", &sp->text, &sp->len))) return rc;
    if (!(v = need(r, m, "start", where))) return GL_ESCHEMA;
    if ((rc = get_uint(r, v, "start", UINT32_MAX, &sp->start))) return rc;
    if (!(v = need(r, m, "end", where))) return GL_ESCHEMA;
    if ((rc = get_uint(r, v, "end", UINT32_MAX, &sp->end))) return rc;
    if (sp->end < sp->start)
        return fail(r, v, "'end' (%lu) is before 'start' (%lu)",
                    (unsigned long)sp->end, (unsigned long)sp->start);
    return GL_OK;
}

static int get_why(struct rd *r, const struct gl_ynode *m, struct gl_why *w)
{
    static const char *const keys[] = {"match", "pattern", "lexicon",
                                       "entry", "at", "evidence", "note",
                                       NULL};
    static const char *const ev_keys[] = {"text", "start", "end", NULL};
    const struct gl_ynode *v;
    int rc;

    if ((rc = want_map(r, m, "'why'")) ||
        (rc = known_keys(r, m, keys, "'why'")) ||
        (rc = opt_str(r, m, "match", &w->origin.match)) ||
        (rc = opt_str(r, m, "pattern", &w->origin.pattern)) ||
        (rc = opt_str(r, m, "lexicon", &w->origin.lexicon)) ||
        (rc = opt_str(r, m, "entry", &w->origin.entry)) ||
        (rc = opt_str(r, m, "at", &w->origin.at)) ||
        (rc = opt_str(r, m, "note", &w->note)))
        return rc;
    if (!(v = gl_ymap_get(m, "evidence"))) return GL_OK;
    if ((rc = want_map(r, v, "'evidence'"))) return rc;
    for (size_t i = 0; i < v->n; i += 2) {
        const struct gl_ynode *e = v->items[i + 1];
        struct gl_espan sp = {0};
        char *role = NULL;

        if ((rc = get_name(r, v->items[i], "an evidence role", &role)) ||
            (rc = want_map(r, e, "an evidence span")) ||
            (rc = known_keys(r, e, ev_keys, "an evidence span")) ||
            (rc = get_espan(r, e, &sp, "an evidence span"))) {
            free(role);
            free(sp.text);
            return rc;
        }
        gl_why_evidence(w, role, sp.text, sp.len, sp.start, sp.end);
        free(role);
        free(sp.text);
    }
    return GL_OK;
}

static int get_near(struct rd *r, const struct gl_ynode *list)
{
    static const char *const keys[] = {"text", "start", "end", "line", "col",
                                       "reason", "rule", NULL};
    static const char *const where = "a near miss";

    if (list->kind != GL_Y_SEQ)
        return fail(r, list, "'near_misses' must be a list, not %s",
                    kind_name(list));
    for (size_t i = 0; i < list->n; i++) {
        const struct gl_ynode *m = list->items[i], *v;
        struct gl_espan sp = {0};
        uint64_t line = 0, col = 0;
        char *reason = NULL, *rule = NULL;
        int rc;

        if ((rc = want_map(r, m, "each near miss")) ||
            (rc = known_keys(r, m, keys, where)) ||
            (rc = get_espan(r, m, &sp, where)) ||
            (rc = !(v = need(r, m, "line", where)) ? GL_ESCHEMA
                  : get_uint(r, v, "line", UINT32_MAX, &line)) ||
            (rc = !(v = need(r, m, "col", where)) ? GL_ESCHEMA
                  : get_uint(r, v, "col", UINT32_MAX, &col)) ||
            (rc = !(v = need(r, m, "reason", where)) ? GL_ESCHEMA
                  : get_str(r, v, "reason", &reason, NULL)) ||
            (rc = opt_str(r, m, "rule", &rule))) {
            free(sp.text);
            free(reason);
            free(rule);
            return rc;
        }
        gl_explain_near(&r->f->ex, sp.text, sp.len, sp.start, sp.end,
                        (unsigned long)line, (unsigned long)col, reason,
                        strlen(reason), rule);
        free(sp.text);
        free(reason);
        free(rule);
    }
    return GL_OK;
}

/* ---- top level --------------------------------------------------------- */

static int get_article(struct rd *r, const struct gl_ynode *m)
{
    static const char *const keys[] = {"path", "sha256", "bytes", "chars",
                                       "lines", "bom", "newline", NULL};
    static const char *const nls[] = {"none", "lf", "crlf", "cr", "mixed",
                                      NULL};
    struct gl_annfile *f = r->f;
    const struct gl_ynode *v;
    int rc, nl;

    if ((rc = want_map(r, m, "'article'"))) return rc;
    f->article.yline = m->line;
    f->article.ycol = m->col;
    if ((rc = known_keys(r, m, keys, "'article'"))) return rc;
    for (int i = 0; keys[i]; i++)
        if (!need(r, m, keys[i], "'article'")) return GL_ESCHEMA;
    if ((rc = get_str(r, gl_ymap_get(m, "path"), "path", &f->article.path,
                      NULL)))
        return rc;
    v = gl_ymap_get(m, "sha256");
    if (v->kind != GL_Y_SCALAR || v->len != 64 ||
        strspn(v->str, "0123456789abcdef") != 64)
        return fail(r, v, "'sha256' must be 64 lowercase hexadecimal digits");
    memcpy(f->article.sha256, v->str, 65);
    if ((rc = get_uint(r, gl_ymap_get(m, "bytes"), "bytes", UINT64_MAX,
                       &f->article.bytes)) ||
        (rc = get_uint(r, gl_ymap_get(m, "chars"), "chars", UINT64_MAX,
                       &f->article.chars)) ||
        (rc = get_uint(r, gl_ymap_get(m, "lines"), "lines", UINT64_MAX,
                       &f->article.lines)) ||
        (rc = get_bool(r, gl_ymap_get(m, "bom"), "bom", &f->article.bom)) ||
        (rc = get_word(r, gl_ymap_get(m, "newline"), "newline", nls,
                       "none, lf, crlf, cr, mixed", &nl)))
        return rc;
    f->article.newline = (enum gl_newline)nl;
    return GL_OK;
}

static int get_run(struct rd *r, const struct gl_ynode *m)
{
    static const char *const keys[] = {"gloss", "scripts", NULL};
    struct gl_annfile *f = r->f;
    const struct gl_ynode *v;
    int rc;

    if ((rc = want_map(r, m, "'run'"))) return rc;
    if ((rc = known_keys(r, m, keys, "'run'"))) return rc;
    if (!(v = need(r, m, "gloss", "'run'"))) return GL_ESCHEMA;
    if ((rc = get_str(r, v, "gloss", &f->gloss_version, NULL))) return rc;
    if (!(v = need(r, m, "scripts", "'run'"))) return GL_ESCHEMA;
    if (v->kind != GL_Y_SEQ)
        return fail(r, v, "'scripts' must be a list of script names, not %s",
                    kind_name(v));
    f->scripts = xcalloc(v->n + 1, sizeof *f->scripts);
    for (size_t i = 0; i < v->n; i++) {
        if ((rc = get_str(r, v->items[i], "scripts", &f->scripts[i], NULL)))
            return rc;
        f->nscripts++;
    }
    return GL_OK;
}

struct idref {
    uint32_t id, i;
};

static int byid_cmp(const void *pa, const void *pb)
{
    const struct idref *a = pa, *b = pb;

    if (a->id != b->id) return a->id < b->id ? -1 : 1;
    return a->i < b->i ? -1 : a->i > b->i; /* file order among equals */
}

/* Ids unique (reported at the second use in file order), links pointing
 * at ids that exist; builds the id index. */
static int check_ids(struct rd *r, const struct gl_ynode *list)
{
    struct gl_annfile *f = r->f;
    size_t best = SIZE_MAX, first = 0;

    struct idref *ref = xcalloc(f->n + 1, sizeof *ref);

    /* sorted pairs, not a comparator reading f: qsort has no context
     * argument and run may check files on several threads */
    for (size_t i = 0; i < f->n; i++)
        if (f->ann[i].has & GL_AF_ID) {
            ref[f->nbyid].id = f->ann[i].id;
            ref[f->nbyid++].i = (uint32_t)i;
        }
    qsort(ref, f->nbyid, sizeof *ref, byid_cmp);
    f->byid = xcalloc(f->n + 1, sizeof *f->byid);
    for (size_t k = 0; k < f->nbyid; k++) f->byid[k] = ref[k].i;
    free(ref);
    for (size_t k = 1; k < f->nbyid; k++) {
        uint32_t i = f->byid[k], j = f->byid[k - 1];
        if (f->ann[i].id == f->ann[j].id && i < best &&
            (k < 2 || f->ann[f->byid[k - 2]].id != f->ann[i].id))
            best = i, first = j;
    }
    if (best != SIZE_MAX)
        return fail(r, gl_ymap_get(list->items[best], "id"),
                    "duplicate id %lu (first at line %lu)",
                    (unsigned long)f->ann[best].id, f->ann[first].yline);
    for (size_t i = 0; i < f->n; i++)
        for (size_t k = 0; k < f->ann[i].nlinks; k++) {
            const struct gl_af_link *l = &f->ann[i].links[k];
            if (gl_annfile_find(f, l->target) < 0) {
                struct gl_ynode at = {0};
                at.line = l->line;
                at.col = l->col;
                return fail(r, &at, "link '%s' points at id %lu, which no "
                            "annotation has", l->role,
                            (unsigned long)l->target);
            }
        }
    return GL_OK;
}

static int get_file(struct rd *r, const struct gl_ynode *root)
{
    static const char *const keys[] = {"gloss", "article", "run",
                                       "annotations", "near_misses", NULL};
    struct gl_annfile *f = r->f;
    const struct gl_ynode *v;
    uint64_t ver;
    int rc;

    if (!root)
        return fail(r, NULL, "the file is empty, not a gloss annotation file");
    if (root->kind != GL_Y_MAP)
        return fail(r, root, "a gloss annotation file is a mapping with the "
                    "keys gloss, article, run and annotations, not %s",
                    kind_name(root));
    if ((rc = known_keys(r, root, keys, "the file"))) return rc;
    if (!(v = need(r, root, "gloss", "the file"))) return GL_ESCHEMA;
    if ((rc = get_uint(r, v, "gloss", 1000000, &ver))) return rc;
    if (ver != GL_SCHEMA_VERSION)
        return fail(r, v, "schema version %lu is not supported (this gloss "
                    "reads version %d)", (unsigned long)ver,
                    GL_SCHEMA_VERSION);
    if (!(v = need(r, root, "article", "the file"))) return GL_ESCHEMA;
    if ((rc = get_article(r, v))) return rc;
    if (!(v = need(r, root, "run", "the file"))) return GL_ESCHEMA;
    if ((rc = get_run(r, v))) return rc;
    if (!(v = need(r, root, "annotations", "the file"))) return GL_ESCHEMA;
    if (v->kind != GL_Y_SEQ)
        return fail(r, v, "'annotations' must be a list (write [] for none), "
                    "not %s", kind_name(v));
    f->ann = xcalloc(v->n + 1, sizeof *f->ann);
    for (size_t i = 0; i < v->n; i++) {
        const struct gl_ynode *w;
        f->n = i + 1;
        if ((rc = get_ann(r, v->items[i], &f->ann[i]))) return rc;
        if (v->items[i]->kind == GL_Y_MAP &&
            (w = gl_ymap_get(v->items[i], "why"))) {
            f->explained = 1;
            if ((rc = get_why(r, w, gl_explain_why(&f->ex, (uint32_t)i))))
                return rc;
        }
    }
    if ((rc = check_ids(r, v))) return rc;
    if (!(v = gl_ymap_get(root, "near_misses"))) return GL_OK;
    f->explained = 1;
    return get_near(r, v);
}

/* yread puts "line L, column C: " in front of its messages; here the
 * position lives in err->line/col only, like the schema errors. */
static void strip_position(struct gl_err *err)
{
    unsigned long l, c;
    int n = 0;

    if (!err || sscanf(err->msg, "line %lu, column %lu: %n", &l, &c, &n) < 2 ||
        n == 0)
        return;
    memmove(err->msg, err->msg + n, strlen(err->msg + n) + 1);
}

int gl_annfile_parse(const char *buf, size_t len, const char *name,
                     struct gl_annfile **out, struct gl_err *err)
{
    struct gl_ynode *root = NULL;
    struct gl_annfile *f;
    struct rd r;
    int rc;

    *out = NULL;
    rc = gl_yaml_read(buf, len, name, &root, err);
    if (rc) {
        strip_position(err);
        return rc;
    }
    f = xcalloc(1, sizeof *f);
    f->name = xstrdup(name ? name : "-");
    f->src = xmemdup(len ? buf : "", len);
    f->srclen = len;
    r.err = err;
    r.f = f;
    rc = get_file(&r, root);
    gl_ynode_free(root);
    if (rc) {
        gl_annfile_free(f);
        return rc;
    }
    *out = f;
    return GL_OK;
}

int gl_annfile_load(const char *path, struct gl_annfile **out,
                    struct gl_err *err)
{
    struct gl_buf b = {0};
    char chunk[65536];
    FILE *fp;
    size_t n;
    int rc;

    *out = NULL;
    fp = fopen(path, "rb");
    if (!fp)
        return gl_err_set(err, GL_EIO, 0, "%s: %s", path, strerror(errno));
    while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0) {
        gl_buf_add(&b, chunk, n);
        if (b.len > GL_YAML_MAX_BYTES) break; /* yread names the limit */
    }
    if (ferror(fp)) {
        int e = errno;
        fclose(fp);
        gl_buf_free(&b);
        return gl_err_set(err, GL_EIO, 0, "%s: %s", path,
                          e ? strerror(e) : "read error");
    }
    fclose(fp);
    rc = gl_annfile_parse(b.p, b.len, path, out, err);
    gl_buf_free(&b);
    return rc;
}

static void free_ann(struct gl_af_ann *a)
{
    free(a->type);
    free(a->text);
    for (size_t i = 0; i < a->nattrs; i++) {
        free(a->attrs[i].key);
        gl_value_free(&a->attrs[i].val);
    }
    free(a->attrs);
    for (size_t i = 0; i < a->nlinks; i++) free(a->links[i].role);
    free(a->links);
    free(a->rule);
    free(a->note);
}

void gl_annfile_free(struct gl_annfile *f)
{
    if (!f) return;
    for (size_t i = 0; i < f->n; i++) free_ann(&f->ann[i]);
    free(f->ann);
    free(f->byid);
    gl_explain_fini(&f->ex);
    for (size_t i = 0; i < f->nscripts; i++) free(f->scripts[i]);
    free(f->scripts);
    free(f->gloss_version);
    free(f->article.path);
    free(f->src);
    free(f->name);
    free(f);
}

long gl_annfile_find(const struct gl_annfile *f, uint32_t id)
{
    size_t lo = 0, hi = f->nbyid;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (f->ann[f->byid[mid]].id < id) lo = mid + 1;
        else hi = mid;
    }
    if (lo < f->nbyid && f->ann[f->byid[lo]].id == id)
        return (long)f->byid[lo];
    return -1;
}

/* yread.c - the strict YAML reader: libyaml parser events folded into a
 * small node tree, refusing everything a hand-edited gloss file should not
 * contain (see yread.h). Core layer.
 *
 * Positions: libyaml marks count characters (not bytes) from after any
 * BOM (we skip it), lines and columns 0-based; errors report 1-based line:col in code points and the
 * byte offset into the buffer as given. */
#include "yread.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "utf8.h"
#include "util.h"

struct frame {
    struct gl_ynode *node;
    size_t cap;
};

struct rd {
    const char *buf;
    size_t len;
    size_t skip; /* 3 when the buffer starts with a BOM (libyaml skips it) */
    struct gl_err *err;
    struct gl_ynode *root;
    struct frame stack[GL_YAML_MAX_DEPTH];
    int depth;
    int ndocs;
};

/* Length of the line break at s[i], counting what libyaml counts: LF, CR,
 * CRLF, NEL, LS and PS. */
static size_t brk(const char *s, size_t len, size_t i)
{
    const unsigned char *u = (const unsigned char *)s;

    if (u[i] == '\n') return 1;
    if (u[i] == '\r') return i + 1 < len && u[i + 1] == '\n' ? 2 : 1;
    if (u[i] == 0xC2 && i + 1 < len && u[i + 1] == 0x85) return 2;
    if (u[i] == 0xE2 && i + 2 < len && u[i + 1] == 0x80 &&
        (u[i + 2] == 0xA8 || u[i + 2] == 0xA9))
        return 3;
    return 0;
}

/* Walk the buffer from the BOM on and stop at the byte offset `off`, the
 * character index `idx`, or the 1-based (line, col), whichever the caller
 * sets (the others are SIZE_MAX / 0); fills whichever it did not set. */
static void walk(const struct rd *r, size_t *off, size_t *idx,
                 unsigned long *line, unsigned long *col)
{
    size_t i = r->skip, n = 0;
    unsigned long l = 1, c = 1;

    while (i < r->len && i < *off && n < *idx &&
           !(l == *line && c == *col)) {
        size_t b = brk(r->buf, r->len, i);
        if (b) {
            i += b, l++, c = 1;
        } else {
            i++;
            while (i < r->len && !gl_utf8_is_boundary(r->buf, r->len, i)) i++;
            c++;
        }
        n++;
    }
    *off = i, *idx = n, *line = l, *col = c;
}

static int failv(struct rd *r, size_t off, unsigned long line,
                 unsigned long col, const char *fmt, va_list ap)
{
    char msg[200];

    vsnprintf(msg, sizeof msg, fmt, ap);
    gl_err_set(r->err, GL_EYAML, off, "line %lu, column %lu: %s", line, col,
               msg);
    if (r->err) r->err->line = line, r->err->col = col;
    return GL_EYAML;
}

/* An error at a libyaml mark. */
static int fail_at(struct rd *r, yaml_mark_t m, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static int fail_at(struct rd *r, yaml_mark_t m, const char *fmt, ...)
{
    size_t off = SIZE_MAX, idx = m.index;
    unsigned long line = 0, col = 0;
    va_list ap;
    int rc;

    walk(r, &off, &idx, &line, &col);
    va_start(ap, fmt);
    rc = failv(r, off, (unsigned long)m.line + 1, (unsigned long)m.column + 1,
               fmt, ap);
    va_end(ap);
    return rc;
}

/* An error at a byte offset. */
static int fail_off(struct rd *r, size_t off, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static int fail_off(struct rd *r, size_t off, const char *fmt, ...)
{
    size_t idx = SIZE_MAX;
    unsigned long line = 0, col = 0;
    va_list ap;
    int rc;

    walk(r, &off, &idx, &line, &col);
    va_start(ap, fmt);
    rc = failv(r, off, line, col, fmt, ap);
    va_end(ap);
    return rc;
}

/* An error at a node's start. */
static int fail_node(struct rd *r, const struct gl_ynode *n,
                     const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static int fail_node(struct rd *r, const struct gl_ynode *n,
                     const char *fmt, ...)
{
    size_t off = SIZE_MAX, idx = SIZE_MAX;
    unsigned long line = n->line, col = n->col;
    va_list ap;
    int rc;

    walk(r, &off, &idx, &line, &col);
    va_start(ap, fmt);
    rc = failv(r, off, n->line, n->col, fmt, ap);
    va_end(ap);
    return rc;
}

/* A short, printable form of s for messages: at most ~48 bytes cut on a
 * character boundary, control characters shown as '?'. */
static const char *shown(const char *s, size_t len, char out[64])
{
    size_t n = len > 48 ? 48 : len;

    while (n < len && n && !gl_utf8_is_boundary(s, len, n)) n--;
    for (size_t i = 0; i < n; i++)
        out[i] = (unsigned char)s[i] < 0x20 || s[i] == 0x7F ? '?' : s[i];
    if (n < len) memcpy(out + n, "...", 3), n += 3;
    out[n] = '\0';
    return out;
}

static int libyaml_error(struct rd *r, const yaml_parser_t *p)
{
    const char *problem = p->problem ? p->problem : "malformed YAML";

    switch (p->error) {
    case YAML_MEMORY_ERROR:
        return fail_off(r, 0, "out of memory while reading YAML");
    case YAML_READER_ERROR:
        return fail_off(r, r->skip + p->problem_offset, "%s", problem);
    case YAML_SCANNER_ERROR:
    case YAML_PARSER_ERROR:
        if (p->context)
            return fail_at(r, p->problem_mark, "%s (%s at line %lu, column "
                           "%lu)", problem, p->context,
                           (unsigned long)p->context_mark.line + 1,
                           (unsigned long)p->context_mark.column + 1);
        return fail_at(r, p->problem_mark, "%s", problem);
    default:
        return fail_off(r, 0, "%s", problem);
    }
}

struct keyref {
    const struct gl_ynode *k;
    size_t i;
};

static int strcmp2(const struct gl_ynode *a, const struct gl_ynode *b)
{
    size_t n = a->len < b->len ? a->len : b->len;
    int c = memcmp(a->str, b->str, n);

    if (c) return c;
    return a->len < b->len ? -1 : a->len > b->len;
}

static int keycmp(const void *pa, const void *pb)
{
    const struct keyref *a = pa, *b = pb;
    int c = strcmp2(a->k, b->k);

    if (c) return c;
    return a->i < b->i ? -1 : a->i > b->i;
}

/* Report the duplicate whose second occurrence comes first in the file,
 * as a one-pass checker would. Sorting keeps large maps O(n log n). */
static int check_dups(struct rd *r, const struct gl_ynode *map)
{
    size_t nk = map->n / 2, best = SIZE_MAX, first = 0;
    struct keyref *k;
    char b[64];

    if (nk < 2) return GL_OK;
    k = xreallocarray(NULL, nk, sizeof *k);
    for (size_t i = 0; i < nk; i++) k[i].k = map->items[2 * i], k[i].i = i;
    qsort(k, nk, sizeof *k, keycmp);
    for (size_t i = 1; i < nk; i++) {
        if (strcmp2(k[i].k, k[i - 1].k)) continue;
        /* only the second of each group of equal keys matters */
        if (i >= 2 && !strcmp2(k[i - 1].k, k[i - 2].k)) continue;
        if (k[i].i < best) best = k[i].i, first = k[i - 1].i;
    }
    free(k);
    if (best == SIZE_MAX) return GL_OK;
    {
        const struct gl_ynode *dup = map->items[2 * best];
        return fail_node(r, dup, "duplicate key '%s' (first at line %lu)",
                         shown(dup->str, dup->len, b),
                         map->items[2 * first]->line);
    }
}

static const char *tag_shown(const yaml_char_t *tag, char out[64])
{
    static const char core[] = "tag:yaml.org,2002:";
    const char *t = (const char *)tag;

    if (strncmp(t, core, sizeof core - 1) == 0) {
        char tmp[64];
        size_t n = strlen(shown(t + sizeof core - 1,
                                strlen(t + sizeof core - 1), tmp));
        memcpy(out, "!!", 2);
        memcpy(out + 2, tmp, n + 1); /* n <= 51 */
        return out;
    }
    return shown(t, strlen(t), out);
}

/* A node event: check it, make the node and hang it under its parent. */
static int node(struct rd *r, const yaml_event_t *ev, enum gl_ykind kind,
                const yaml_char_t *anchor, const yaml_char_t *tag)
{
    struct gl_ynode *n, *parent;
    char b[64];

    if (anchor)
        return fail_at(r, ev->start_mark, "anchors and aliases are not "
                       "allowed (&%s)", shown((const char *)anchor,
                                              strlen((const char *)anchor), b));
    if (tag)
        return fail_at(r, ev->start_mark, "explicit tags are not allowed "
                       "(%s)", tag_shown(tag, b));
    parent = r->depth ? r->stack[r->depth - 1].node : NULL;
    if (parent && parent->kind == GL_Y_MAP && parent->n % 2 == 0 &&
        kind != GL_Y_SCALAR)
        return fail_at(r, ev->start_mark, "a mapping key must be a single "
                       "value (a scalar), not a %s",
                       kind == GL_Y_MAP ? "mapping" : "sequence");
    if (kind != GL_Y_SCALAR && r->depth == GL_YAML_MAX_DEPTH)
        return fail_at(r, ev->start_mark, "nesting is deeper than %d levels",
                       GL_YAML_MAX_DEPTH);

    n = xcalloc(1, sizeof *n);
    n->kind = kind;
    n->line = (unsigned long)ev->start_mark.line + 1;
    n->col = (unsigned long)ev->start_mark.column + 1;
    if (kind == GL_Y_SCALAR) {
        n->str = xmemdup(ev->data.scalar.value, ev->data.scalar.length);
        n->len = ev->data.scalar.length;
        n->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
    }
    if (parent) {
        struct frame *f = &r->stack[r->depth - 1];
        GL_GROW(parent->items, f->cap, parent->n + 1);
        parent->items[parent->n++] = n;
    } else {
        r->root = n;
    }
    if (kind != GL_Y_SCALAR) {
        r->stack[r->depth].node = n;
        r->stack[r->depth].cap = 0;
        r->depth++;
    }
    return GL_OK;
}

static int event(struct rd *r, const yaml_event_t *ev, int *done)
{
    switch (ev->type) {
    case YAML_DOCUMENT_START_EVENT:
        if (r->ndocs++)
            return fail_at(r, ev->start_mark, "only one YAML document is "
                           "allowed in a file");
        return GL_OK;
    case YAML_ALIAS_EVENT: {
        const char *a = (const char *)ev->data.alias.anchor;
        char b[64];
        return fail_at(r, ev->start_mark, "anchors and aliases are not "
                       "allowed (*%s)", shown(a, strlen(a), b));
    }
    case YAML_SCALAR_EVENT:
        return node(r, ev, GL_Y_SCALAR, ev->data.scalar.anchor,
                    ev->data.scalar.tag);
    case YAML_SEQUENCE_START_EVENT:
        return node(r, ev, GL_Y_SEQ, ev->data.sequence_start.anchor,
                    ev->data.sequence_start.tag);
    case YAML_MAPPING_START_EVENT:
        return node(r, ev, GL_Y_MAP, ev->data.mapping_start.anchor,
                    ev->data.mapping_start.tag);
    case YAML_SEQUENCE_END_EVENT:
    case YAML_MAPPING_END_EVENT:
        r->depth--;
        if (ev->type == YAML_MAPPING_END_EVENT)
            return check_dups(r, r->stack[r->depth].node);
        return GL_OK;
    case YAML_STREAM_END_EVENT:
        *done = 1;
        return GL_OK;
    default:
        return GL_OK;
    }
}

int gl_yaml_read(const char *buf, size_t len, const char *name,
                 struct gl_ynode **root, struct gl_err *err)
{
    struct rd r;
    yaml_parser_t p;
    size_t bad = 0;
    int rc = GL_OK, done = 0;

    (void)name; /* the caller puts the file name in front of messages */
    *root = NULL;
    memset(&r, 0, sizeof r);
    r.buf = buf;
    r.len = len;
    r.err = err;
    if (len > GL_YAML_MAX_BYTES)
        return gl_err_set(err, GL_EYAML, 0, "the file is larger than %zu "
                          "MiB", GL_YAML_MAX_BYTES >> 20);
    if (len == 0) return GL_OK; /* an empty stream (buf may be NULL) */
    if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0) r.skip = 3;
    if (!gl_utf8_valid(buf, len, &bad))
        return fail_off(&r, bad, "invalid UTF-8 (byte offset %zu)", bad);

    if (!yaml_parser_initialize(&p))
        return gl_err_set(err, GL_EYAML, 0, "cannot start the YAML reader");
    /* libyaml 0.2.5 counts a BOM as a column of line 1, which shifts the
     * indentation of the first key and breaks valid files: skip it here */
    yaml_parser_set_input_string(&p, (const unsigned char *)buf + r.skip,
                                 len - r.skip);
    yaml_parser_set_encoding(&p, YAML_UTF8_ENCODING);
    while (!done && rc == GL_OK) {
        yaml_event_t ev;
        if (!yaml_parser_parse(&p, &ev)) {
            rc = libyaml_error(&r, &p);
            break;
        }
        rc = event(&r, &ev, &done);
        yaml_event_delete(&ev);
    }
    yaml_parser_delete(&p);
    if (rc) {
        gl_ynode_free(r.root);
        return rc;
    }
    *root = r.root;
    return GL_OK;
}

void gl_ynode_free(struct gl_ynode *n)
{
    if (!n) return;
    for (size_t i = 0; i < n->n; i++) gl_ynode_free(n->items[i]);
    free(n->items);
    free(n->str);
    free(n);
}

const struct gl_ynode *gl_ymap_get(const struct gl_ynode *map,
                                   const char *key)
{
    size_t klen;

    if (!map || map->kind != GL_Y_MAP) return NULL;
    klen = strlen(key);
    for (size_t i = 0; i + 1 < map->n; i += 2) {
        const struct gl_ynode *k = map->items[i];
        if (k->kind == GL_Y_SCALAR && k->len == klen &&
            memcmp(k->str, key, klen) == 0)
            return map->items[i + 1];
    }
    return NULL;
}

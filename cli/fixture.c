/* fixture.c - reading `gloss test` case files and comparing a case's
 * annotations with what it expects and forbids. CLI layer. Strict like the
 * annotation reader: a misspelt key is an error at its line, because a
 * fixture that silently checks nothing is worse than none. */
#include "fixture.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int bad(struct gl_err *err, const struct gl_ynode *n, const char *fmt,
               const char *arg)
{
    gl_err_set(err, GL_ESCHEMA, 0, fmt, arg);
    err->line = n ? n->line : 0;
    err->col = n ? n->col : 0;
    return GL_ESCHEMA;
}

static int is_scalar(const struct gl_ynode *n)
{
    return n && n->kind == GL_Y_SCALAR;
}

/* A scalar, or a list of scalars (an attribute value or link targets). */
static int scalar_or_list(const struct gl_ynode *n)
{
    if (is_scalar(n)) return 1;
    if (!n || n->kind != GL_Y_SEQ) return 0;
    for (size_t i = 0; i < n->n; i++)
        if (!is_scalar(n->items[i])) return 0;
    return 1;
}

static int pairs(const struct gl_ynode *m, const char *what,
                 struct fx_pair **out, size_t *n, struct gl_err *err)
{
    if (m->kind != GL_Y_MAP)
        return bad(err, m, "'%s' must be a mapping", what);
    *n = m->n / 2;
    *out = xcalloc(*n ? *n : 1, sizeof **out);
    for (size_t i = 0; i < *n; i++) {
        const struct gl_ynode *v = m->items[2 * i + 1];
        if (!scalar_or_list(v))
            return bad(err, v, "a value in '%s' must be a scalar or a list "
                       "of scalars", what);
        (*out)[i].key = m->items[2 * i]->str;
        (*out)[i].val = v;
    }
    return GL_OK;
}

static int item(const struct gl_ynode *m, int forbid, struct fx_item *it,
                struct gl_err *err)
{
    int rc;

    if (m->kind != GL_Y_MAP)
        return bad(err, m, "an annotation must be a mapping with type and "
                   "text%s", "");
    it->line = m->line;
    it->col = m->col;
    for (size_t i = 0; i < m->n; i += 2) {
        const char *k = m->items[i]->str;
        const struct gl_ynode *v = m->items[i + 1];

        if (!strcmp(k, "type")) {
            if (!is_scalar(v) || !v->len)
                return bad(err, v, "'type' must be a non-empty string%s", "");
            it->type = v->str;
        } else if (!strcmp(k, "text")) {
            if (!is_scalar(v))
                return bad(err, v, "'text' must be a string%s", "");
            it->text = v;
        } else if (!strcmp(k, "attrs")) {
            if ((rc = pairs(v, "attrs", &it->attrs, &it->nattrs, err)))
                return rc;
        } else if (!strcmp(k, "links") && !forbid) {
            if ((rc = pairs(v, "links", &it->links, &it->nlinks, err)))
                return rc;
        } else {
            return bad(err, m->items[i], forbid
                       ? "unknown key '%s' (type, text, attrs)"
                       : "unknown key '%s' (type, text, attrs, links)", k);
        }
    }
    if (!it->type) return bad(err, m, "annotation without 'type'%s", "");
    if (!it->text && !forbid)
        return bad(err, m, "expected annotation without 'text'%s", "");
    return GL_OK;
}

static int items(const struct gl_ynode *s, int forbid, struct fx_item **out,
                 size_t *n, struct gl_err *err)
{
    int rc;

    if (s->kind != GL_Y_SEQ)
        return bad(err, s, "'%s' must be a list of annotations",
                   forbid ? "forbid" : "expect");
    *n = s->n;
    *out = xcalloc(s->n ? s->n : 1, sizeof **out);
    for (size_t i = 0; i < s->n; i++)
        if ((rc = item(s->items[i], forbid, &(*out)[i], err))) return rc;
    return GL_OK;
}

static int one_case(const struct gl_ynode *m, struct fx_case *c,
                    struct gl_err *err)
{
    int rc;

    if (m->kind != GL_Y_MAP)
        return bad(err, m, "a case must be a mapping (name, text, expect, "
                   "forbid)%s", "");
    c->line = m->line;
    for (size_t i = 0; i < m->n; i += 2) {
        const char *k = m->items[i]->str;
        const struct gl_ynode *v = m->items[i + 1];

        if (!strcmp(k, "name") && is_scalar(v)) {
            c->name = v->str;
        } else if (!strcmp(k, "text") && is_scalar(v)) {
            c->text = v->str;
            c->len = v->len;
        } else if (!strcmp(k, "expect")) {
            if ((rc = items(v, 0, &c->expect, &c->nexpect, err))) return rc;
        } else if (!strcmp(k, "forbid")) {
            if ((rc = items(v, 1, &c->forbid, &c->nforbid, err))) return rc;
        } else if (!strcmp(k, "name") || !strcmp(k, "text")) {
            return bad(err, v, "'%s' must be a string", k);
        } else {
            return bad(err, m->items[i], "unknown key '%s' (name, text, "
                       "expect, forbid)", k);
        }
    }
    if (!c->name) return bad(err, m, "case without 'name'%s", "");
    if (!c->text) return bad(err, m, "case without 'text'%s", "");
    if (!c->nexpect && !c->nforbid)
        return bad(err, m, "case '%s' expects and forbids nothing", c->name);
    return GL_OK;
}

static int build(struct fx_file *f, struct gl_err *err)
{
    const struct gl_ynode *r = f->root, *cases = NULL;
    int rc;

    if (!r || r->kind != GL_Y_MAP)
        return bad(err, r, "a case file is a mapping with 'cases:'%s", "");
    for (size_t i = 0; i < r->n; i += 2) {
        const char *k = r->items[i]->str;
        const struct gl_ynode *v = r->items[i + 1];

        if (!strcmp(k, "cases")) {
            cases = v;
        } else if (!strcmp(k, "before")) {
            if (v->kind != GL_Y_SEQ || !scalar_or_list(v))
                return bad(err, v, "'before' must be a list of scripts%s", "");
            f->nbefore = v->n;
            f->before = xcalloc(v->n ? v->n : 1, sizeof *f->before);
            for (size_t j = 0; j < v->n; j++) f->before[j] = v->items[j]->str;
        } else {
            return bad(err, r->items[i], "unknown key '%s' (before, cases)", k);
        }
    }
    if (!cases || cases->kind != GL_Y_SEQ || !cases->n)
        return bad(err, cases ? cases : r, "'cases' must be a non-empty "
                   "list%s", "");
    f->n = cases->n;
    f->cases = xcalloc(f->n, sizeof *f->cases);
    for (size_t i = 0; i < f->n; i++)
        if ((rc = one_case(cases->items[i], &f->cases[i], err))) return rc;
    return GL_OK;
}

int fx_load(const char *path, struct fx_file **out, struct gl_err *err)
{
    size_t len;
    char *buf = gl_read_file(path, &len);
    struct fx_file *f;
    int rc;

    *out = NULL;
    if (!buf) return gl_err_set(err, GL_EIO, 0, "%s: cannot read", path);
    f = xcalloc(1, sizeof *f);
    f->path = xstrdup(path);
    rc = gl_yaml_read(buf, len, path, &f->root, err);
    free(buf);
    if (rc == GL_OK) rc = build(f, err);
    if (rc != GL_OK) {
        fx_free(f);
        return rc;
    }
    *out = f;
    return GL_OK;
}

static void free_items(struct fx_item *it, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(it[i].attrs);
        free(it[i].links);
    }
    free(it);
}

void fx_free(struct fx_file *f)
{
    if (!f) return;
    for (size_t i = 0; i < f->n; i++) {
        free_items(f->cases[i].expect, f->cases[i].nexpect);
        free_items(f->cases[i].forbid, f->cases[i].nforbid);
    }
    free(f->cases);
    free(f->before);
    gl_ynode_free(f->root);
    free(f->path);
    free(f);
}

/* ---- comparing ------------------------------------------------------- */

static int num_is(const char *s, double v)
{
    static const char *const fmt[] = {"%.15g", "%.16g", "%.17g"};
    char b[64];

    for (int i = 0; i < 3; i++) {
        snprintf(b, sizeof b, fmt[i], v);
        if (!strpbrk(b, ".eni")) strcat(b, ".0");
        if (!strcmp(s, b)) return 1;
    }
    return 0;
}

int fx_scalar_is(const struct gl_ynode *s, const struct gl_value *v)
{
    char b[32];

    switch (v->t) {
    case GL_V_BOOL:
        return s->plain && !strcmp(s->str, v->u.b ? "true" : "false");
    case GL_V_INT:
        snprintf(b, sizeof b, "%lld", (long long)v->u.i);
        return !strcmp(s->str, b);
    case GL_V_NUM:
        return num_is(s->str, v->u.n);
    case GL_V_STR:
        return s->len == v->u.s.len && !memcmp(s->str, v->u.s.p, s->len);
    case GL_V_LIST:
        return 0;
    }
    return 0;
}

static int value_is(const struct gl_ynode *y, const struct gl_value *v)
{
    if (y->kind == GL_Y_SCALAR) return fx_scalar_is(y, v);
    if (v->t != GL_V_LIST || v->u.list.n != y->n) return 0;
    for (size_t i = 0; i < y->n; i++)
        if (!fx_scalar_is(y->items[i], &v->u.list.v[i])) return 0;
    return 1;
}

void fx_label(struct gl_buf *b, const char *type, const char *text,
              size_t len)
{
    size_t i = 0, n = 0;

    gl_buf_printf(b, "%s \"", type);
    while (i < len && n < 40) {
        size_t k = i + 1;
        while (k < len && ((unsigned char)text[k] & 0xC0) == 0x80) k++;
        if ((unsigned char)text[i] < 0x20) gl_buf_putc(b, ' ');
        else if (text[i] == '"') gl_buf_puts(b, "\\\"");
        else gl_buf_add(b, text + i, k - i);
        i = k, n++;
    }
    if (i < len) gl_buf_puts(b, "\u2026");
    gl_buf_putc(b, '"');
}

static void ann_label(struct gl_buf *b, const struct gl_doc *doc,
                      const struct gl_ann *a)
{
    fx_label(b, a->type, doc->bytes + a->span.start,
             a->span.end - a->span.start);
}

static int text_is(const struct gl_ynode *t, const struct gl_doc *doc,
                   const struct gl_ann *a)
{
    size_t n = a->span.end - a->span.start;
    return t->len == n && !memcmp(t->str, doc->bytes + a->span.start, n);
}

/* Why annotation a does not satisfy item it ("" when it does). */
static void mismatch(const struct fx_item *it, const struct gl_doc *doc,
                     const struct gl_store *st, const struct gl_ann *a,
                     struct gl_buf *why)
{
    for (size_t i = 0; i < it->nattrs && !why->len; i++) {
        const struct fx_pair *p = &it->attrs[i];
        const struct gl_value *v = NULL;

        for (size_t k = 0; k < a->nattrs; k++)
            if (!strcmp(a->attrs[k].key, p->key)) v = &a->attrs[k].val;
        if (!v) gl_buf_printf(why, "it has no attribute %s", p->key);
        else if (!value_is(p->val, v))
            gl_buf_printf(why, "its %s is not %s", p->key,
                          p->val->kind == GL_Y_SCALAR ? p->val->str : "that list");
    }
    for (size_t i = 0; i < it->nlinks && !why->len; i++) {
        const struct fx_pair *p = &it->links[i];
        size_t want = p->val->kind == GL_Y_SCALAR ? 1 : p->val->n;

        for (size_t w = 0; w < want && !why->len; w++) {
            const struct gl_ynode *t =
                p->val->kind == GL_Y_SCALAR ? p->val : p->val->items[w];
            int found = 0;

            for (size_t k = 0; k < a->nlinks && !found; k++)
                found = !strcmp(a->links[k].role, p->key) &&
                        text_is(t, doc, &st->ann[a->links[k].target]);
            if (!found) {
                gl_buf_printf(why, "no %s link to \"%s\"", p->key, t->str);
                for (size_t k = 0; k < a->nlinks; k++)
                    if (!strcmp(a->links[k].role, p->key)) {
                        gl_buf_puts(why, " (it links to ");
                        ann_label(why, doc, &st->ann[a->links[k].target]);
                        gl_buf_putc(why, ')');
                        break;
                    }
            }
        }
    }
}

static void where(struct gl_buf *out, const struct fx_file *f,
                  const struct fx_item *it)
{
    const char *base = strrchr(f->path, '/');
    gl_buf_printf(out, "  (%s:%lu)\n", base ? base + 1 : f->path, it->line);
}

static size_t check_expect(const struct fx_file *f, const struct fx_item *it,
                           const struct gl_doc *doc,
                           const struct gl_store *st, const char *indent,
                           struct gl_buf *out)
{
    struct gl_buf why = {0}, first = {0};
    size_t same_type = 0;

    for (size_t i = 0; i < st->n; i++) {
        const struct gl_ann *a = &st->ann[i];
        if (strcmp(a->type, it->type)) continue;
        same_type++;
        if (!text_is(it->text, doc, a)) continue;
        why.len = 0;
        mismatch(it, doc, st, a, &why);
        if (!why.len) {
            gl_buf_free(&why);
            gl_buf_free(&first);
            return 0;
        }
        if (!first.len) gl_buf_add(&first, why.p, why.len);
    }
    gl_buf_printf(out, "%s- expected ", indent);
    fx_label(out, it->type, it->text->str, it->text->len);
    where(out, f, it);
    if (first.len) {
        gl_buf_printf(out, "%s    made, but %s\n", indent, first.p);
    } else if (!same_type) {
        gl_buf_printf(out, "%s    no %s was made\n", indent, it->type);
    } else {
        size_t shown = 0;
        gl_buf_printf(out, "%s    made instead:", indent);
        for (size_t i = 0; i < st->n && shown < 4; i++)
            if (!strcmp(st->ann[i].type, it->type)) {
                gl_buf_puts(out, shown++ ? ", " : " ");
                ann_label(out, doc, &st->ann[i]);
            }
        if (same_type > shown) gl_buf_printf(out, " (%zu more)", same_type - shown);
        gl_buf_putc(out, '\n');
    }
    gl_buf_free(&why);
    gl_buf_free(&first);
    return 1;
}

static size_t check_forbid(const struct fx_file *f, const struct fx_item *it,
                           const struct gl_doc *doc,
                           const struct gl_store *st, const char *indent,
                           struct gl_buf *out)
{
    struct gl_buf why = {0};
    size_t bad_n = 0;

    for (size_t i = 0; i < st->n; i++) {
        const struct gl_ann *a = &st->ann[i];
        if (strcmp(a->type, it->type)) continue;
        if (it->text && !text_is(it->text, doc, a)) continue;
        why.len = 0;
        mismatch(it, doc, st, a, &why);
        if (why.len) continue;
        gl_buf_printf(out, "%s+ forbidden ", indent);
        ann_label(out, doc, a);
        gl_buf_printf(out, " made by %s:%lu", a->script, a->line);
        where(out, f, it);
        bad_n++;
    }
    gl_buf_free(&why);
    return bad_n;
}

size_t fx_compare(const struct fx_file *f, const struct fx_case *c,
                  const struct gl_doc *doc, const struct gl_store *st,
                  const char *indent, struct gl_buf *out)
{
    size_t problems = 0;

    for (size_t i = 0; i < c->nexpect; i++)
        problems += check_expect(f, &c->expect[i], doc, st, indent, out);
    for (size_t i = 0; i < c->nforbid; i++)
        problems += check_forbid(f, &c->forbid[i], doc, st, indent, out);
    return problems;
}

/* annfile.c - read an annotation file back into a struct gl_annfile: the
 * YAML tree from yread.c checked against schema version 1, with messages a
 * reviewer can act on. Core layer. The schema is annotations/SCHEMA.md. */
#include "annfile.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "annfile_int.h"
#include "util.h"
#include "yread.h"

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
        return af_fail(r, a ? a : b, "'%s' and '%s' go together: give both or "
                    "neither", k1, k2);
    if ((rc = af_get_u32(r, a, k1, v1)) || (rc = af_get_u32(r, b, k2, v2)))
        return rc;
    if (*v2 < *v1)
        return af_fail(r, b, "'%s' (%lu) is before '%s' (%lu)", k2,
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
    if ((rc = af_want_map(r, m, "each annotation"))) return rc;
    if ((rc = af_known_keys(r, m, ann_keys, "an annotation"))) return rc;
    if ((v = gl_ymap_get(m, "rule")) &&
        (rc = af_get_str(r, v, "rule", &a->rule, NULL)))
        return rc;
    if (a->rule) {
        /* written by gloss: everything gloss writes must still be there */
        static const char *const req[] = {"id", "type", "text", "start",
                                          "end", "byte_start", "byte_end",
                                          "line", "col", "review", NULL};
        for (int i = 0; req[i]; i++)
            if (!gl_ymap_get(m, req[i]))
                return af_fail(r, m, "missing key '%s' in this annotation (only "
                            "annotations added by hand, without 'rule', may "
                            "leave it out)", req[i]);
    }
    if (!(v = af_need(r, m, "type", "this annotation"))) return GL_ESCHEMA;
    if ((rc = af_get_name(r, v, "'type'", &a->type))) return rc;
    if (!(v = af_need(r, m, "text", "this annotation"))) return GL_ESCHEMA;
    if ((rc = af_get_str(r, v, "text", &a->text, &a->tlen))) return rc;
    if ((v = gl_ymap_get(m, "id"))) {
        if ((rc = af_get_u32(r, v, "id", &a->id))) return rc;
        if (a->id == 0) return af_fail(r, v, "'id' must be 1 or more");
        a->has |= GL_AF_ID;
    }
    if ((rc = pair(r, m, "start", "end", &a->start, &a->end, &has))) return rc;
    if (has) a->has |= GL_AF_START;
    if ((rc = pair(r, m, "byte_start", "byte_end", &a->byte_start,
                   &a->byte_end, &has)))
        return rc;
    if (has) a->has |= GL_AF_BYTES;
    if ((v = gl_ymap_get(m, "line"))) {
        if ((rc = af_get_uint(r, v, "line", UINT32_MAX, &u))) return rc;
        if (u == 0) return af_fail(r, v, "'line' must be 1 or more");
        a->line = (unsigned long)u;
        a->has |= GL_AF_LINE;
    }
    if ((v = gl_ymap_get(m, "col"))) {
        if (!(a->has & GL_AF_LINE))
            return af_fail(r, v, "'col' needs a 'line' as well");
        if ((rc = af_get_uint(r, v, "col", UINT32_MAX, &u))) return rc;
        if (u == 0) return af_fail(r, v, "'col' must be 1 or more");
        a->col = (unsigned long)u;
        a->has |= GL_AF_COL;
    }
    if (!a->rule && a->tlen == 0 && !(a->has & (GL_AF_START | GL_AF_BYTES)))
        return af_fail(r, gl_ymap_get(m, "text"), "an annotation added by hand "
                    "needs a non-empty 'text' (or its offsets)");
    if ((v = gl_ymap_get(m, "attrs")) && (rc = af_get_attrs(r, v, a))) return rc;
    if ((v = gl_ymap_get(m, "links")) && (rc = af_get_links(r, v, a))) return rc;
    a->review = a->rule ? GL_REVIEW_PENDING : GL_REVIEW_ACCEPTED;
    if ((v = gl_ymap_get(m, "review"))) {
        if ((rc = af_get_word(r, v, "review", reviews,
                           "pending, accepted, rejected, edited", &word)))
            return rc;
        a->review = (enum gl_review)word;
        a->has |= GL_AF_REVIEW;
    }
    if ((v = gl_ymap_get(m, "note")) &&
        (rc = af_get_str(r, v, "note", &a->note, NULL)))
        return rc;
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

    if ((rc = af_want_map(r, m, "'article'"))) return rc;
    f->article.yline = m->line;
    f->article.ycol = m->col;
    if ((rc = af_known_keys(r, m, keys, "'article'"))) return rc;
    for (int i = 0; keys[i]; i++)
        if (!af_need(r, m, keys[i], "'article'")) return GL_ESCHEMA;
    if ((rc = af_get_str(r, gl_ymap_get(m, "path"), "path", &f->article.path,
                      NULL)))
        return rc;
    v = gl_ymap_get(m, "sha256");
    if (v->kind != GL_Y_SCALAR || v->len != 64 ||
        strspn(v->str, "0123456789abcdef") != 64)
        return af_fail(r, v, "'sha256' must be 64 lowercase hexadecimal digits");
    memcpy(f->article.sha256, v->str, 65);
    if ((rc = af_get_uint(r, gl_ymap_get(m, "bytes"), "bytes", UINT64_MAX,
                       &f->article.bytes)) ||
        (rc = af_get_uint(r, gl_ymap_get(m, "chars"), "chars", UINT64_MAX,
                       &f->article.chars)) ||
        (rc = af_get_uint(r, gl_ymap_get(m, "lines"), "lines", UINT64_MAX,
                       &f->article.lines)) ||
        (rc = af_get_bool(r, gl_ymap_get(m, "bom"), "bom", &f->article.bom)) ||
        (rc = af_get_word(r, gl_ymap_get(m, "newline"), "newline", nls,
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

    if ((rc = af_want_map(r, m, "'run'"))) return rc;
    if ((rc = af_known_keys(r, m, keys, "'run'"))) return rc;
    if (!(v = af_need(r, m, "gloss", "'run'"))) return GL_ESCHEMA;
    if ((rc = af_get_str(r, v, "gloss", &f->gloss_version, NULL))) return rc;
    if (!(v = af_need(r, m, "scripts", "'run'"))) return GL_ESCHEMA;
    if (v->kind != GL_Y_SEQ)
        return af_fail(r, v, "'scripts' must be a list of script names, not %s",
                    af_kind_name(v));
    f->scripts = xcalloc(v->n + 1, sizeof *f->scripts);
    for (size_t i = 0; i < v->n; i++) {
        if ((rc = af_get_str(r, v->items[i], "scripts", &f->scripts[i], NULL)))
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
        return af_fail(r, gl_ymap_get(list->items[best], "id"),
                    "duplicate id %lu (first at line %lu)",
                    (unsigned long)f->ann[best].id, f->ann[first].yline);
    for (size_t i = 0; i < f->n; i++)
        for (size_t k = 0; k < f->ann[i].nlinks; k++) {
            const struct gl_af_link *l = &f->ann[i].links[k];
            if (gl_annfile_find(f, l->target) < 0) {
                struct gl_ynode at = {0};
                at.line = l->line;
                at.col = l->col;
                return af_fail(r, &at, "link '%s' points at id %lu, which no "
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
        return af_fail(r, NULL, "the file is empty, not a gloss annotation file");
    if (root->kind != GL_Y_MAP)
        return af_fail(r, root, "a gloss annotation file is a mapping with the "
                    "keys gloss, article, run and annotations, not %s",
                    af_kind_name(root));
    if ((rc = af_known_keys(r, root, keys, "the file"))) return rc;
    if (!(v = af_need(r, root, "gloss", "the file"))) return GL_ESCHEMA;
    if ((rc = af_get_uint(r, v, "gloss", 1000000, &ver))) return rc;
    if (ver != GL_SCHEMA_VERSION)
        return af_fail(r, v, "schema version %lu is not supported (this gloss "
                    "reads version %d)", (unsigned long)ver,
                    GL_SCHEMA_VERSION);
    if (!(v = af_need(r, root, "article", "the file"))) return GL_ESCHEMA;
    if ((rc = get_article(r, v))) return rc;
    if (!(v = af_need(r, root, "run", "the file"))) return GL_ESCHEMA;
    if ((rc = get_run(r, v))) return rc;
    if (!(v = af_need(r, root, "annotations", "the file"))) return GL_ESCHEMA;
    if (v->kind != GL_Y_SEQ)
        return af_fail(r, v, "'annotations' must be a list (write [] for none), "
                    "not %s", af_kind_name(v));
    f->ann = xcalloc(v->n + 1, sizeof *f->ann);
    for (size_t i = 0; i < v->n; i++) {
        const struct gl_ynode *w;
        f->n = i + 1;
        if ((rc = get_ann(r, v->items[i], &f->ann[i]))) return rc;
        if (v->items[i]->kind == GL_Y_MAP &&
            (w = gl_ymap_get(v->items[i], "why"))) {
            f->explained = 1;
            if ((rc = af_get_why(r, w, gl_explain_why(&f->ex, (uint32_t)i))))
                return rc;
        }
    }
    if ((rc = check_ids(r, v))) return rc;
    if (!(v = gl_ymap_get(root, "near_misses"))) return GL_OK;
    f->explained = 1;
    return af_get_near(r, v);
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

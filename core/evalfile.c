/* evalfile.c - what `gloss eval` reads: gloss annotation files reduced to
 * the fields scoring uses, kinds folded to gold classes, and the figures.
 * Core layer; the scoring itself is in eval.c. */
#include "eval.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "annfile.h"
#include "doc.h"
#include "util.h"

/* ---- reading a gloss file -------------------------------------------- */

/* Errors read like annfile's: position in err->line/col, not in msg. */
static int at(struct gl_err *err, unsigned long line, unsigned long col,
              int rc)
{
    if (err) err->line = line, err->col = col;
    return rc;
}

/* Byte offsets of an annotation that only gave code points (added by
 * hand): through the article, loaded once per file when first needed. */
static int bytes_of(const struct gl_annfile *af, const struct gl_af_ann *a,
                    struct gl_doc **doc, uint32_t *bs, uint32_t *be,
                    struct gl_err *err)
{
    if (a->has & GL_AF_BYTES) {
        *bs = a->byte_start;
        *be = a->byte_end;
        return GL_OK;
    }
    if (!(a->has & GL_AF_START))
        return at(err, a->yline, a->ycol, gl_err_set(err, GL_ESCHEMA, 0,
                  "annotation without a position"));
    if (!*doc) {
        struct gl_err e2 = {0};
        *doc = gl_doc_load(af->article.path, &e2);
        if (!*doc)
            return at(err, a->yline, a->ycol, gl_err_set(err, GL_EIO, 0,
                      "the annotation gives only code points and the "
                      "article %s cannot be read: %s", af->article.path,
                      e2.msg));
    }
    *bs = (uint32_t)gl_doc_byte(*doc, a->start);
    *be = (uint32_t)gl_doc_byte(*doc, a->end);
    return GL_OK;
}

int gl_eval_file_load(const char *path, struct gl_eval_file *f,
                      struct gl_err *err)
{
    struct gl_annfile *af = NULL;
    struct gl_doc *doc = NULL;
    int rc;

    memset(f, 0, sizeof *f);
    if ((rc = gl_annfile_load(path, &af, err))) return rc;
    f->path = xstrdup(path);
    f->article = xstrdup(af->article.path ? af->article.path : path);
    memcpy(f->sha256, af->article.sha256, sizeof f->sha256);
    f->sha256[64] = '\0';
    f->n = af->n;
    f->ann = xcalloc(f->n ? f->n : 1, sizeof *f->ann);
    for (size_t i = 0; i < f->n; i++) {
        const struct gl_af_ann *a = &af->ann[i];
        struct gl_eval_ann *e = &f->ann[i];

        e->type = xstrdup(a->type);
        e->text = xmemdup(a->text ? a->text : "", a->text ? a->tlen : 0);
        e->line = a->line;
        e->col = a->col;
        e->rejected = a->review == GL_REVIEW_REJECTED;
        e->attrs = xcalloc(a->nattrs ? a->nattrs : 1, sizeof *e->attrs);
        for (size_t k = 0; k < a->nattrs; k++) {
            const struct gl_value *v = &a->attrs[k].val;
            size_t kl;
            if (v->t != GL_V_STR) continue;
            if (strcmp(a->attrs[k].key, "kind") == 0 && !e->kind)
                e->kind = xmemdup(v->u.s.p, v->u.s.len);
            kl = strlen(a->attrs[k].key);
            e->attrs[e->nattrs] = xmalloc(kl + 1 + v->u.s.len + 1);
            memcpy(e->attrs[e->nattrs], a->attrs[k].key, kl);
            e->attrs[e->nattrs][kl] = '=';
            memcpy(e->attrs[e->nattrs] + kl + 1, v->u.s.p, v->u.s.len);
            e->attrs[e->nattrs++][kl + 1 + v->u.s.len] = '\0';
        }
        if ((rc = bytes_of(af, a, &doc, &e->start, &e->end, err))) break;
        e->links = xcalloc(a->nlinks ? a->nlinks : 1, sizeof *e->links);
        for (size_t k = 0; k < a->nlinks; k++) {
            long t = gl_annfile_find(af, a->links[k].target);
            if (t < 0) {
                rc = at(err, a->links[k].line, a->links[k].col,
                        gl_err_set(err, GL_ESCHEMA, 0, "link to id %lu, "
                                   "which is not in the file",
                                   (unsigned long)a->links[k].target));
                break;
            }
            e->links[e->nlinks].role = xstrdup(a->links[k].role);
            e->links[e->nlinks++].target = (size_t)t;
        }
        if (rc) break;
    }
    if (doc) gl_doc_free(doc);
    gl_annfile_free(af);
    if (rc) gl_eval_file_free(f);
    return rc;
}

void gl_eval_file_free(struct gl_eval_file *f)
{
    for (size_t i = 0; f->ann && i < f->n; i++) {
        struct gl_eval_ann *a = &f->ann[i];
        for (size_t j = 0; j < a->nlinks; j++) free(a->links[j].role);
        free(a->links);
        free(a->type);
        free(a->text);
        free(a->kind);
        for (size_t j = 0; j < a->nattrs; j++) free(a->attrs[j]);
        free(a->attrs);
    }
    free(f->ann);
    free(f->path);
    free(f->article);
    memset(f, 0, sizeof *f);
}

/* ---- kinds ------------------------------------------------------------ */

void gl_eval_norm_kind(const char *kind, char *out, size_t size)
{
    /* gold corpora know four classes; scripts say more precisely what an
     * actor is, so the finer kinds fold into the class a gold annotator
     * would give them */
    static const char *const map[][2] = {
        {"per", "person"},           {"people", "person"},
        {"org", "organisation"},     {"organization", "organisation"},
        {"company", "organisation"}, {"party", "organisation"},
        {"ministry", "organisation"}, {"militia", "organisation"},
        {"armed_group", "organisation"}, {"media", "organisation"},
        {"news", "organisation"},    {"institution", "organisation"},
        {"government", "organisation"},
        {"loc", "location"},         {"country", "location"},
        {"city", "location"},        {"place", "location"},
        {"gpe", "location"},         {"region", "location"},
        {"state", "location"},
    };
    size_t i;

    if (!size) return;
    for (i = 0; kind[i] && i + 1 < size; i++)
        out[i] = (kind[i] >= 'A' && kind[i] <= 'Z') ? (char)(kind[i] + 32)
                                                    : kind[i];
    out[i] = '\0';
    for (i = 0; i < sizeof map / sizeof *map; i++)
        if (strcmp(out, map[i][0]) == 0) {
            snprintf(out, size, "%s", map[i][1]);
            return;
        }
}

/* ---- figures ---------------------------------------------------------- */

double gl_eval_precision(const struct gl_eval_count *c)
{
    return c->pred ? (double)c->tp / (double)c->pred : -1.0;
}

double gl_eval_recall(const struct gl_eval_count *c)
{
    return c->gold ? (double)c->tp / (double)c->gold : -1.0;
}

double gl_eval_f1(const struct gl_eval_count *c)
{
    if (!c->gold && !c->pred) return -1.0;
    if (!c->tp) return 0.0;
    /* 2PR/(P+R) simplifies to this, with no division by a tiny sum */
    return 2.0 * (double)c->tp / (double)(c->gold + c->pred);
}

/* annfile_out.c - from an annotation file read back to a store again:
 * re-emission (for `gloss check --fix`) and the test of whether a person
 * has edited a file (so `gloss run` never overwrites their work). Core
 * layer; the contract is in annfile.h. */
#include "annfile.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "util.h"

/* "path:LINE" -> script and line, exactly as emit.c joins them: only a
 * canonical positive number after the last colon is a line, so every
 * rule string comes back out unchanged. */
static char *split_rule(const char *rule, unsigned long *line)
{
    const char *c = strrchr(rule, ':');
    unsigned long v = 0;
    const char *p;

    *line = 0;
    if (!c || c == rule || c[1] < '1' || c[1] > '9' || strlen(c + 1) > 9)
        return xstrdup(rule);
    for (p = c + 1; *p; p++) {
        if (*p < '0' || *p > '9') return xstrdup(rule);
        v = v * 10 + (unsigned long)(*p - '0');
    }
    *line = v;
    return xmemdup(rule, (size_t)(c - rule));
}

void gl_annfile_to_store(const struct gl_annfile *f,
                         const struct gl_span *spans, struct gl_store *st)
{
    for (size_t i = 0; i < f->n; i++) {
        const struct gl_af_ann *a = &f->ann[i];
        unsigned long line = 0;
        char *script = a->rule ? split_rule(a->rule, &line) : NULL;
        long id = gl_store_add(st, a->type, strlen(a->type), spans[i], script,
                               line);
        struct gl_ann *s;

        free(script);
        if (id < 0) return; /* st->max: the caller's choice */
        s = &st->ann[id];
        for (size_t k = 0; k < a->nattrs; k++) {
            struct gl_value v;
            gl_value_copy(&v, &a->attrs[k].val);
            gl_store_set_attr(st, (uint32_t)id, a->attrs[k].key,
                              strlen(a->attrs[k].key), &v);
        }
        s->review = a->review;
        s->note = a->note ? xstrdup(a->note) : NULL;
    }
    for (size_t i = 0; i < f->n && i < st->n; i++)
        for (size_t k = 0; k < f->ann[i].nlinks; k++) {
            const struct gl_af_link *l = &f->ann[i].links[k];
            long t = gl_annfile_find(f, l->target);
            if (t >= 0 && (size_t)t < st->n)
                gl_store_link(st, (uint32_t)i, l->role, strlen(l->role),
                              (uint32_t)t);
        }
}

int gl_annfile_emit(const struct gl_annfile *f, const struct gl_doc *doc,
                    const struct gl_span *spans, gl_write_fn write,
                    void *ctx, struct gl_err *err)
{
    struct gl_run_info run;
    struct gl_store st;
    struct gl_doc named = *doc; /* a shallow copy, only to rename */
    int rc;

    named.name = f->article.path;
    run.gloss_version = f->gloss_version;
    run.scripts = (const char **)f->scripts;
    run.nscripts = f->nscripts;
    gl_store_init(&st);
    gl_annfile_to_store(f, spans, &st);
    rc = gl_emit_yaml_explain(&named, &st, &run, f->explained ? &f->ex : NULL,
                              0, write, ctx, err);
    gl_store_fini(&st);
    return rc;
}

static void say(char *why, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void say(char *why, size_t size, const char *fmt, ...)
{
    va_list ap;

    if (!why || !size) return;
    va_start(ap, fmt);
    vsnprintf(why, size, fmt, ap);
    va_end(ap);
}

static int buf_write(void *ctx, const char *p, size_t n)
{
    gl_buf_add(ctx, p, n);
    return 0;
}

/* Re-emit with the file's own byte offsets; 1 when the bytes differ (or
 * the offsets do not even fit the article), 0 when identical. */
static int differs(const struct gl_annfile *f, const struct gl_doc *doc,
                   unsigned long *line)
{
    struct gl_span *spans = xcalloc(f->n + 1, sizeof *spans);
    struct gl_buf out = {0};
    size_t i;
    int rc = 0;

    *line = 0;
    for (i = 0; i < f->n && !rc; i++) {
        const struct gl_af_ann *a = &f->ann[i];
        if (!(a->has & GL_AF_BYTES) ||
            !gl_doc_span_ok(doc, a->byte_start, a->byte_end))
            rc = 1, *line = a->yline;
        else
            spans[i] = gl_span_make(a->byte_start, a->byte_end);
    }
    if (!rc && gl_annfile_emit(f, doc, spans, buf_write, &out, NULL) != GL_OK)
        rc = 1;
    if (!rc && (out.len != f->srclen || memcmp(out.p, f->src, out.len))) {
        size_t n = out.len < f->srclen ? out.len : f->srclen;
        rc = 1;
        *line = 1;
        for (i = 0; i < n && out.p[i] == f->src[i]; i++)
            if (f->src[i] == '\n') (*line)++;
    }
    gl_buf_free(&out);
    free(spans);
    return rc;
}

int gl_annfile_edited(const struct gl_annfile *f, const struct gl_doc *article,
                      char *why, size_t size)
{
    static const char *const review[] = {"pending", "accepted", "rejected",
                                         "edited"};
    char hex[65];
    unsigned long line;

    for (size_t i = 0; i < f->n; i++) {
        const struct gl_af_ann *a = &f->ann[i];
        if (!a->rule) {
            say(why, size, "line %lu: an annotation added by hand (it has "
                "no 'rule')", a->yline);
            return 1;
        }
        if (a->review != GL_REVIEW_PENDING) {
            say(why, size, "line %lu: annotation %lu has review: %s",
                a->yline, (unsigned long)a->id, review[a->review]);
            return 1;
        }
        if (a->note) {
            say(why, size, "line %lu: annotation %lu has a note", a->yline,
                (unsigned long)a->id);
            return 1;
        }
    }
    if (!article) return 0;
    gl_doc_sha256_hex(article, hex);
    if (strcmp(hex, f->article.sha256) != 0) return 0;
    if (differs(f, article, &line)) {
        say(why, size, "line %lu: the file differs from what gloss wrote",
            line);
        return 1;
    }
    return 0;
}

int gl_annfile_path_edited(const char *path, const struct gl_doc *article,
                           char *why, size_t size, struct gl_err *err)
{
    struct gl_annfile *f = NULL;
    struct stat sb;
    int rc;

    if (stat(path, &sb) != 0 && errno == ENOENT) return 0;
    rc = gl_annfile_load(path, &f, err);
    if (rc) return rc;
    rc = gl_annfile_edited(f, article, why, size);
    gl_annfile_free(f);
    return rc;
}

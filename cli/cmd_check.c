/* cmd_check.c - `gloss check FILE.yaml [--article PATH] [--old-article
 * PATH] [--fix]`: verify an annotation file against its article, re-anchor
 * it when the article changed, and with --fix rewrite it (atomically, with
 * a backup). CLI layer. Statuses: 0 verified (or fully fixed), 1 problems
 * found, 2 usage, 3 unreadable or invalid input, 7 cannot write. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "anchor.h"
#include "annfile.h"
#include "atomic.h"
#include "commands.h"
#include "doc.h"
#include "exitcode.h"
#include "paths.h"
#include "util.h"

struct opts {
    const char *file, *article, *old;
    int fix;
};

struct tally {
    size_t n[GL_ANCHOR_LOST + 1];
    size_t stale, problems;
};

static int usage(const char *msg, const char *arg)
{
    fprintf(stderr, "gloss: error: %s%s%s\n", msg, arg ? " " : "",
            arg ? arg : "");
    fputs("usage: gloss check FILE.yaml [--article PATH] [--old-article PATH]"
          " [--fix]\n", stderr);
    return EXIT_USAGE;
}

static int parse(int argc, char **argv, struct opts *o)
{
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char **slot = NULL;

        if (!strcmp(a, "--fix")) {
            o->fix = 1;
            continue;
        }
        if (!strcmp(a, "--article")) slot = &o->article;
        else if (!strcmp(a, "--old-article")) slot = &o->old;
        if (slot) {
            if (i + 1 >= argc) return usage("missing value after", a);
            *slot = argv[++i];
        } else if (a[0] == '-' && a[1]) {
            return usage("unknown option", a);
        } else if (o->file) {
            return usage("one annotation file at a time; extra", a);
        } else {
            o->file = a;
        }
    }
    if (!o->file) return usage("no annotation file given", NULL);
    return -1;
}

static void print_err(const char *name, const struct gl_err *e)
{
    if (e->line)
        fprintf(stderr, "gloss: error: %s:%lu:%lu: %s\n", name, e->line,
                e->col, e->msg);
    else if (e->code == GL_EIO)
        fprintf(stderr, "gloss: error: %s\n", e->msg);
    else
        fprintf(stderr, "gloss: error: %s: %s\n", name, e->msg);
}

static int same_sha(const struct gl_doc *d, const struct gl_annfile *f)
{
    char hex[65];
    gl_doc_sha256_hex(d, hex);
    return !strcmp(hex, f->article.sha256);
}

/* `TYPE "text…"` with at most 30 characters of text on one line. */
static void label(const struct gl_af_ann *a, struct gl_buf *b)
{
    size_t i = 0, n = 0;

    if (a->has & GL_AF_ID)
        gl_buf_printf(b, "annotation %lu (", (unsigned long)a->id);
    else
        gl_buf_puts(b, "annotation added by hand (");
    gl_buf_printf(b, "%s \"", a->type);
    while (i < a->tlen && n < 30) {
        size_t k = i + 1;
        while (k < a->tlen && ((unsigned char)a->text[k] & 0xC0) == 0x80) k++;
        if ((unsigned char)a->text[i] < 0x20) gl_buf_putc(b, ' ');
        else gl_buf_add(b, a->text + i, k - i);
        i = k, n++;
    }
    if (i < a->tlen) {
        while (b->len && b->p[b->len - 1] == ' ') b->p[--b->len] = '\0';
        gl_buf_puts(b, "\u2026");
    }
    gl_buf_puts(b, "\")");
}

static void lines_of(const struct gl_doc *doc, const struct gl_anchor *r,
                     struct gl_buf *b)
{
    unsigned long last = 0;

    for (size_t i = 0; i < r->ncand && i < 12; i++) {
        unsigned long l, c;
        gl_doc_linecol(doc, r->cand[i], &l, &c);
        if (l == last) continue;
        gl_buf_printf(b, "%s%lu", last ? ", " : "", l);
        last = l;
    }
    if (r->ncand > 12) gl_buf_puts(b, ", ...");
}

static void report(const char *file, const struct gl_af_ann *a,
                   const struct gl_anchor *r, const struct gl_doc *doc,
                   struct tally *t)
{
    struct gl_buf b = {0};
    unsigned long l, c;

    t->n[r->status]++;
    if (r->status == GL_ANCHOR_UNCHANGED && !r->stale[0]) return;
    t->problems++;
    gl_buf_printf(&b, "%s:%lu:%lu: ", file, a->yline, a->ycol);
    label(a, &b);
    gl_buf_puts(&b, ": ");
    gl_doc_linecol(doc, r->span.start, &l, &c);
    switch (r->status) {
    case GL_ANCHOR_UNCHANGED:
        t->stale++;
        gl_buf_printf(&b, "fields out of date: %s", r->stale);
        break;
    case GL_ANCHOR_MOVED:
        gl_buf_puts(&b, "moved from ");
        if (a->has & GL_AF_START)
            gl_buf_printf(&b, "%lu", (unsigned long)a->start);
        else
            gl_buf_printf(&b, "byte %lu", (unsigned long)a->byte_start);
        gl_buf_printf(&b, " to %zu", gl_doc_cp(doc, r->span.start));
        if (a->has & GL_AF_LINE)
            gl_buf_printf(&b, " (line %lu to %lu)", a->line, l);
        else
            gl_buf_printf(&b, " (line %lu)", l);
        break;
    case GL_ANCHOR_PLACED:
        gl_buf_printf(&b, "found at %zu (line %lu, col %lu); --fix fills in "
                      "its offsets", gl_doc_cp(doc, r->span.start), l, c);
        break;
    case GL_ANCHOR_AMBIGUOUS:
        gl_buf_printf(&b, "ambiguous: the text fits %zu places (lines ",
                      r->ncand);
        lines_of(doc, r, &b);
        gl_buf_puts(&b, a->rule ? "); correct its offsets by hand"
                                : "); add 'line:' (and 'col:') to say which");
        break;
    case GL_ANCHOR_LOST:
        gl_buf_puts(&b, "lost: the text is no longer in the article");
        break;
    }
    puts(b.p);
    gl_buf_free(&b);
}

/* Article facts the file states, against the article (same sha256). */
static void check_article(const char *file, const struct gl_annfile *f,
                          const struct gl_doc *d, struct tally *t)
{
    static const char *const nl[] = {"none", "lf", "crlf", "cr", "mixed"};
    char what[160] = "";

    if (f->article.bytes != d->len)
        snprintf(what, sizeof what, "bytes is %lu, the article has %zu",
                 (unsigned long)f->article.bytes, d->len);
    else if (f->article.chars != d->nchars)
        snprintf(what, sizeof what, "chars is %lu, the article has %zu",
                 (unsigned long)f->article.chars, d->nchars);
    else if (f->article.lines != d->nlines)
        snprintf(what, sizeof what, "lines is %lu, the article has %zu",
                 (unsigned long)f->article.lines, d->nlines);
    else if (f->article.bom != (d->body != 0))
        snprintf(what, sizeof what, "bom is %s", f->article.bom ? "true"
                                                                : "false");
    else if (f->article.newline != d->newline)
        snprintf(what, sizeof what, "newline is %s, the article has %s",
                 nl[f->article.newline], nl[d->newline]);
    if (!what[0]) return;
    printf("%s:%lu:%lu: article: %s\n", file, f->article.yline,
           f->article.ycol, what);
    t->problems++;
}

static int buf_write(void *ctx, const char *p, size_t n)
{
    gl_buf_add(ctx, p, n);
    return 0;
}

static int fix(const struct opts *o, struct gl_annfile *f,
               const struct gl_doc *doc, const struct gl_anchor *res)
{
    struct gl_span *spans = xcalloc(f->n + 1, sizeof *spans);
    struct gl_buf out = {0}, bak = {0};
    struct gl_err err = {0};
    char why[512];
    char *path = f->article.path;
    int rc = EXIT_OK;

    for (size_t i = 0; i < f->n; i++) spans[i] = res[i].span;
    /* checked against another file: from now on the file is about that one */
    if (o->article) f->article.path = (char *)o->article;
    if (gl_annfile_emit(f, doc, spans, buf_write, &out, &err) != GL_OK) {
        fprintf(stderr, "gloss: error: %s: cannot write: %s\n", o->file,
                err.msg);
        rc = EXIT_INTERNAL;
        goto done;
    }
    gl_buf_printf(&bak, "%s.bak", o->file);
    if (gl_write_atomic(bak.p, f->src, f->srclen, why, sizeof why) ||
        gl_write_atomic(o->file, out.p, out.len, why, sizeof why)) {
        fprintf(stderr, "gloss: error: cannot write %s\n", why);
        rc = EXIT_WRITE;
        goto done;
    }
    printf("%s: fixed; the previous version is in %s\n", o->file, bak.p);
done:
    f->article.path = path;
    gl_buf_free(&out);
    gl_buf_free(&bak);
    free(spans);
    return rc;
}

static int check(const struct opts *o, struct gl_annfile *f,
                 const struct gl_doc *doc, const struct gl_doc *old)
{
    struct gl_anchor *res = xcalloc(f->n + 1, sizeof *res);
    struct tally t;
    int same = same_sha(doc, f), rc;

    memset(&t, 0, sizeof t);
    gl_anchor_file(f, doc, old, res);
    if (same) {
        check_article(o->file, f, doc, &t);
    } else {
        printf("%s: the article %s changed since this file was written "
               "(sha256 differs); re-anchored %s\n", o->file, doc->name,
               old ? "by text and context" : "by text and old position (the "
               "old article is not at hand; --old-article gives it)");
        t.problems++;
    }
    for (size_t i = 0; i < f->n; i++)
        report(o->file, &f->ann[i], &res[i], doc, &t);
    printf("%s: %zu annotations: %zu unchanged, %zu moved, %zu placed, %zu "
           "ambiguous, %zu lost; %zu with fields out of date\n", o->file,
           f->n, t.n[GL_ANCHOR_UNCHANGED] - t.stale, t.n[GL_ANCHOR_MOVED],
           t.n[GL_ANCHOR_PLACED], t.n[GL_ANCHOR_AMBIGUOUS],
           t.n[GL_ANCHOR_LOST], t.stale);
    rc = t.problems ? EXIT_PROBLEMS : EXIT_OK;
    if (o->fix && t.problems) {
        size_t open = t.n[GL_ANCHOR_AMBIGUOUS] + t.n[GL_ANCHOR_LOST];
        if (open)
            printf("%s: not fixed: %zu annotations are ambiguous or lost; "
                   "resolve them by hand first (nothing was written)\n",
                   o->file, open);
        else
            rc = fix(o, f, doc, res);
    }
    for (size_t i = 0; i < f->n; i++) gl_anchor_fini(&res[i]);
    free(res);
    return rc;
}

/* The old article, when it can be had: --old-article (must match), or the
 * file the YAML names when the check runs against another one. */
static int load_old(const struct opts *o, const struct gl_annfile *f,
                    const char *named, struct gl_doc **old)
{
    struct gl_err err = {0};

    *old = NULL;
    if (o->old) {
        if (!(*old = gl_doc_load(o->old, &err))) {
            print_err(o->old, &err);
            return EXIT_INPUT;
        }
        if (!same_sha(*old, f)) {
            fprintf(stderr, "gloss: error: %s is not the article %s was "
                    "written for (sha256 differs)\n", o->old, o->file);
            gl_doc_free(*old);
            *old = NULL;
            return EXIT_INPUT;
        }
        return -1;
    }
    if (o->article && gl_path_exists(named) && (*old = gl_doc_load(named, &err)) &&
        !same_sha(*old, f)) {
        gl_doc_free(*old);
        *old = NULL;
    }
    return -1;
}

int gl_cmd_check(int argc, char **argv)
{
    struct opts o;
    struct gl_annfile *f = NULL;
    struct gl_doc *doc = NULL, *old = NULL;
    struct gl_err err = {0};
    char *named = NULL;
    int rc;

    memset(&o, 0, sizeof o);
    if ((rc = parse(argc, argv, &o)) >= 0) return rc;
    if (gl_annfile_load(o.file, &f, &err) != GL_OK) {
        print_err(o.file, &err);
        return EXIT_INPUT;
    }
    if (!o.article && !strcmp(f->article.path, "-")) {
        gl_annfile_free(f);
        return usage("the article was read from standard input; give",
                     "--article PATH");
    }
    named = gl_find_article(o.file, f->article.path);
    doc = gl_doc_load(o.article ? o.article : named, &err);
    if (!doc) {
        print_err(o.article ? o.article : named, &err);
        rc = EXIT_INPUT;
    } else if ((rc = load_old(&o, f, named, &old)) < 0) {
        rc = check(&o, f, doc, old);
    }
    gl_doc_free(old);
    gl_doc_free(doc);
    gl_annfile_free(f);
    free(named);
    return rc;
}

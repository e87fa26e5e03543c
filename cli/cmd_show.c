/* cmd_show.c - `gloss show FILE.yaml [--article PATH] [--html OUT.html]`:
 * read an annotation file, place it in its article (re-anchoring when the
 * article changed) and draw it for a terminal or as an HTML page. CLI
 * layer; the drawing is in show_term.c and show_html.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "anchor.h"
#include "merge.h"
#include "annfile.h"
#include "commands.h"
#include "exitcode.h"
#include "paths.h"
#include "show.h"

const char *const gl_show_review[4] = {"pending", "accepted", "rejected",
                                       "edited"};

struct opts {
    const char *file, *article, *html;
};

static int usage(const char *msg, const char *arg)
{
    fprintf(stderr, "gloss: error: %s%s%s\n", msg, arg ? " " : "",
            arg ? arg : "");
    fputs("usage: gloss show FILE.yaml [--article PATH] [--html OUT.html]\n",
          stderr);
    return EXIT_USAGE;
}

static int parse(int argc, char **argv, struct opts *o)
{
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char **slot = NULL;

        if (!strcmp(a, "--article")) slot = &o->article;
        else if (!strcmp(a, "--html")) slot = &o->html;
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

size_t gl_show_cover(const struct gl_show *s, size_t a, size_t b,
                     size_t *idx)
{
    size_t n = 0;

    for (size_t i = 0; i < s->f->n; i++) {
        struct gl_span sp = s->spans[i];
        if (s->placed[i] && sp.start <= a && b <= sp.end && a < b)
            idx[n++] = i;
    }
    return n;
}

unsigned long gl_show_id(const struct gl_show *s, size_t i)
{
    return (s->f->ann[i].has & GL_AF_ID) ? (unsigned long)s->f->ann[i].id : 0;
}

void gl_show_value(struct gl_buf *b, const struct gl_value *v)
{
    switch (v->t) {
    case GL_V_BOOL: gl_buf_puts(b, v->u.b ? "true" : "false"); break;
    case GL_V_INT: gl_buf_printf(b, "%lld", (long long)v->u.i); break;
    case GL_V_NUM: gl_buf_printf(b, "%.17g", v->u.n); break;
    case GL_V_STR: gl_buf_add(b, v->u.s.p, v->u.s.len); break;
    case GL_V_LIST:
        gl_buf_putc(b, '[');
        for (size_t i = 0; i < v->u.list.n; i++) {
            if (i) gl_buf_puts(b, ", ");
            gl_show_value(b, &v->u.list.v[i]);
        }
        gl_buf_putc(b, ']');
        break;
    }
}

static int cmp_size(const void *pa, const void *pb)
{
    size_t a = *(const size_t *)pa, b = *(const size_t *)pb;
    return (a > b) - (a < b);
}

static void make_cuts(struct gl_show *s)
{
    size_t n = 0, k = 0, *c = xcalloc(2 * s->f->n + 2, sizeof *c);

    c[n++] = s->doc->body;
    c[n++] = s->doc->len;
    for (size_t i = 0; i < s->f->n; i++)
        if (s->placed[i]) {
            c[n++] = s->spans[i].start;
            c[n++] = s->spans[i].end;
        }
    qsort(c, n, sizeof *c, cmp_size);
    for (size_t i = 0; i < n; i++)
        if (!k || c[i] != c[k - 1]) c[k++] = c[i];
    s->cuts = c;
    s->ncuts = k;
}

static int draw(const struct opts *o, struct gl_show *s)
{
    FILE *out;
    char tmp[4096];
    int fd, rc;

    if (!o->html) {
        gl_show_term(s, stdout, isatty(1));
        return fflush(stdout) ? EXIT_WRITE : EXIT_OK;
    }
    /* a temporary file beside the page, renamed over it when complete */
    if (snprintf(tmp, sizeof tmp, "%s.tmpXXXXXX", o->html) >= (int)sizeof tmp)
        return usage("path too long:", o->html);
    fd = mkstemp(tmp);
    if (fd < 0 || !(out = fdopen(fd, "w"))) {
        perror(o->html);
        if (fd >= 0) close(fd), unlink(tmp);
        return EXIT_WRITE;
    }
    {
        mode_t mask = umask(0); /* mkstemp makes 0600; a page is for reading */
        umask(mask);
        fchmod(fd, 0666 & ~mask);
    }
    rc = gl_show_html(s, out);
    if (fclose(out) != 0 || rc != 0 || rename(tmp, o->html) != 0) {
        perror(o->html);
        unlink(tmp);
        return EXIT_WRITE;
    }
    return EXIT_OK;
}

int gl_cmd_show(int argc, char **argv)
{
    struct opts o;
    struct gl_annfile *f = NULL;
    struct gl_doc *doc = NULL;
    struct gl_err err = {0};
    struct gl_anchor *res = NULL;
    struct gl_span *spans = NULL;
    struct gl_show s;
    char *placed = NULL, *named = NULL;
    size_t lost = 0;
    int rc;

    memset(&o, 0, sizeof o);
    memset(&s, 0, sizeof s);
    if ((rc = parse(argc, argv, &o)) >= 0) return rc;
    if (gl_annfile_load(o.file, &f, &err) != GL_OK) {
        if (err.line)
            fprintf(stderr, "gloss: error: %s:%lu:%lu: %s\n", o.file,
                    err.line, err.col, err.msg);
        else
            fprintf(stderr, "gloss: error: %s: %s\n", o.file, err.msg);
        return EXIT_INPUT;
    }
    if (!o.article && !strcmp(f->article.path, "-")) {
        gl_annfile_free(f);
        return usage("the article was read from standard input; give",
                     "--article PATH");
    }
    named = gl_find_article(o.file, f->article.path);
    if (!(doc = gl_doc_load(o.article ? o.article : named, &err))) {
        fprintf(stderr, "gloss: error: %s: %s\n",
                o.article ? o.article : named, err.msg);
        rc = EXIT_INPUT;
        goto done;
    }
    res = xcalloc(f->n + 1, sizeof *res);
    spans = xcalloc(f->n + 1, sizeof *spans);
    placed = xcalloc(f->n + 1, 1);
    gl_anchor_file(f, doc, NULL, res);
    for (size_t i = 0; i < f->n; i++) {
        placed[i] = res[i].status == GL_ANCHOR_UNCHANGED ||
                    res[i].status == GL_ANCHOR_MOVED ||
                    res[i].status == GL_ANCHOR_PLACED;
        spans[i] = res[i].span;
        lost += !placed[i];
    }
    s.file = o.file;
    s.f = f;
    s.doc = doc;
    s.spans = spans;
    s.placed = placed;
    make_cuts(&s);
    if (lost)
        fprintf(stderr, "gloss: %s: %zu annotations could not be placed in "
                "%s (listed, not highlighted); see 'gloss check'\n", o.file,
                lost, doc->name);
    rc = draw(&o, &s);
done:
    if (res)
        for (size_t i = 0; i < f->n; i++) gl_anchor_fini(&res[i]);
    free(res);
    free(spans);
    free(placed);
    free(s.cuts);
    free(named);
    gl_doc_free(doc);
    gl_annfile_free(f);
    return rc;
}

/* cmd_merge.c - `gloss merge REVIEWED.yaml NEW.yaml [-o OUT] [--article
 * PATH] [--old-article PATH]`: merge a new run's file into a reviewed one
 * (the rules are in core/merge.h), replacing OUT (default REVIEWED)
 * atomically and keeping a backup. CLI layer. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "annfile.h"
#include "atomic.h"
#include "commands.h"
#include "doc.h"
#include "exitcode.h"
#include "reviewed.h"
#include "util.h"

struct opts {
    const char *rev, *fresh, *out, *article, *old;
};

static int usage(const char *msg, const char *arg)
{
    fprintf(stderr, "gloss: error: %s%s%s\n", msg, arg ? " " : "",
            arg ? arg : "");
    fputs("usage: gloss merge REVIEWED.yaml NEW.yaml [-o OUT] [--article "
          "PATH] [--old-article PATH]\n", stderr);
    return EXIT_USAGE;
}

static int parse(int argc, char **argv, struct opts *o)
{
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char **slot = NULL;

        if (!strcmp(a, "-o") || !strcmp(a, "--output")) slot = &o->out;
        else if (!strcmp(a, "--article")) slot = &o->article;
        else if (!strcmp(a, "--old-article")) slot = &o->old;
        if (slot) {
            if (i + 1 >= argc) return usage("missing value after", a);
            *slot = argv[++i];
        } else if (a[0] == '-' && a[1]) {
            return usage("unknown option", a);
        } else if (!o->rev) {
            o->rev = a;
        } else if (!o->fresh) {
            o->fresh = a;
        } else {
            return usage("two files: the reviewed one and the new run; "
                         "extra", a);
        }
    }
    if (!o->fresh) return usage("give the reviewed file and the new run's",
                                NULL);
    return -1;
}

static int load(const char *path, struct gl_annfile **f)
{
    struct gl_err err = {0};

    if (gl_annfile_load(path, f, &err) == GL_OK) return 0;
    if (err.line)
        fprintf(stderr, "gloss: error: %s:%lu:%lu: %s\n", path, err.line,
                err.col, err.msg);
    else if (err.code == GL_EIO)
        fprintf(stderr, "gloss: error: %s\n", err.msg);
    else
        fprintf(stderr, "gloss: error: %s: %s\n", path, err.msg);
    return -1;
}

static int same_sha(const struct gl_doc *d, const struct gl_annfile *f)
{
    char hex[65];
    gl_doc_sha256_hex(d, hex);
    return !strcmp(hex, f->article.sha256);
}

static struct gl_doc *article(const char *path, const char *what)
{
    struct gl_err err = {0};
    struct gl_doc *d = gl_doc_load(path, &err);

    if (!d)
        fprintf(stderr, "gloss: error: %s (%s): %s\n", path, what, err.msg);
    return d;
}

int gl_cmd_merge(int argc, char **argv)
{
    struct opts o;
    struct gl_annfile *rev = NULL, *fresh = NULL;
    struct gl_doc *doc = NULL, *old = NULL;
    struct gl_merge_stats st;
    struct gl_buf out = {0};
    struct stat sb;
    int rc;

    memset(&o, 0, sizeof o);
    if ((rc = parse(argc, argv, &o)) >= 0) return rc;
    if (load(o.rev, &rev) || load(o.fresh, &fresh)) {
        rc = EXIT_INPUT;
        goto done;
    }
    doc = article(o.article ? o.article : fresh->article.path,
                  "the article of the new run");
    if (!doc) {
        rc = EXIT_INPUT;
        goto done;
    }
    if (!same_sha(doc, fresh)) {
        fprintf(stderr, "gloss: error: %s was not written for %s (sha256 "
                "differs); run the scripts over it again\n", o.fresh,
                doc->name);
        rc = EXIT_INPUT;
        goto done;
    }
    if (o.old) {
        if (!(old = article(o.old, "the reviewed file's article"))) {
            rc = EXIT_INPUT;
            goto done;
        }
        if (!same_sha(old, rev)) {
            fprintf(stderr, "gloss: error: %s is not the article %s was "
                    "written for (sha256 differs)\n", o.old, o.rev);
            rc = EXIT_INPUT;
            goto done;
        }
    }
    rc = gl_merge_yaml(o.rev, rev, doc, old, fresh, &out, &st);
    if (rc != EXIT_OK) goto done;
    if (!o.out) o.out = o.rev;
    if (!strcmp(o.out, o.rev)) {
        rc = gl_replace_keeping(o.out, rev->src, rev->srclen, out.p, out.len);
    } else if (stat(o.out, &sb) == 0) {
        fprintf(stderr, "gloss: error: %s exists; merge into it as the "
                "reviewed file, or remove it first\n", o.out);
        rc = EXIT_REFUSED;
    } else {
        char why[512];
        if (gl_write_atomic(o.out, out.p, out.len, why, sizeof why)) {
            fprintf(stderr, "gloss: error: cannot write %s\n", why);
            rc = EXIT_WRITE;
        }
    }
    if (rc == EXIT_OK) {
        if (!strcmp(o.out, o.rev)) gl_merge_report(o.out, &st);
        else
            fprintf(stderr, "gloss: merged %s and %s into %s: %zu decisions "
                    "kept (%zu moved), %zu new suggestions pending (%zu "
                    "flagged as conflicts), %zu rejected before and not "
                    "suggested again, %zu already there\n", o.rev, o.fresh,
                    o.out, st.kept, st.moved, st.added, st.conflicts,
                    st.suppressed, st.duplicate);
    }
done:
    gl_buf_free(&out);
    gl_doc_free(old);
    gl_doc_free(doc);
    gl_annfile_free(fresh);
    gl_annfile_free(rev);
    return rc;
}

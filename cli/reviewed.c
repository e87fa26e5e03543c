/* reviewed.c - gloss run's output files that a person has worked on:
 * refuse to overwrite them, merge a new run into them, or overwrite with
 * a backup. CLI layer; the contract is in reviewed.h, the merge rules in
 * core/merge.h. */
#include "reviewed.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "anchor.h"
#include "atomic.h"
#include "emit.h"
#include "exitcode.h"

/* A process-wide setting: gloss run parses its options once, then
 * delivers every article with the same policy. */
static enum gl_existing policy;

void gl_existing_set(enum gl_existing p)
{
    policy = p;
}

enum gl_existing gl_existing_get(void)
{
    return policy;
}

static int buf_write(void *ctx, const char *p, size_t n)
{
    gl_buf_add(ctx, p, n);
    return 0;
}

int gl_replace_keeping(const char *path, const char *prev, size_t plen,
                       const char *buf, size_t len)
{
    struct gl_buf bak = {0};
    char why[512];
    int rc = EXIT_OK;

    gl_buf_printf(&bak, "%s.bak", path);
    if (gl_write_atomic(bak.p, prev, plen, why, sizeof why) ||
        gl_write_atomic(path, buf, len, why, sizeof why)) {
        fprintf(stderr, "gloss: error: cannot write %s\n", why);
        rc = EXIT_WRITE;
    }
    gl_buf_free(&bak);
    return rc;
}

void gl_merge_report(const char *dest, const struct gl_merge_stats *s)
{
    fprintf(stderr, "gloss: merged into %s: %zu decisions kept (%zu moved), "
            "%zu new suggestions pending (%zu flagged as conflicts), %zu "
            "pending ones made again, %zu rejected before and not suggested "
            "again, %zu already there; the previous version is in %s.bak\n",
            dest, s->kept, s->moved, s->added, s->conflicts, s->renewed,
            s->suppressed, s->duplicate, dest);
}

/* `TYPE "text"` shortened, for messages about one annotation. */
static void label(const struct gl_af_ann *a, struct gl_buf *b)
{
    size_t n = a->tlen > 40 ? 40 : a->tlen;

    while (n < a->tlen && n > 0 && ((unsigned char)a->text[n] & 0xC0) == 0x80)
        n--;
    gl_buf_printf(b, "%s \"", a->type);
    for (size_t i = 0; i < n; i++)
        gl_buf_putc(b, (unsigned char)a->text[i] < 0x20 ? ' ' : a->text[i]);
    gl_buf_puts(b, n < a->tlen ? "\u2026\"" : "\"");
}

int gl_merge_yaml(const char *revname, const struct gl_annfile *rev,
                  const struct gl_doc *doc, const struct gl_doc *old,
                  const struct gl_annfile *fresh, struct gl_buf *out,
                  struct gl_merge_stats *stats)
{
    struct gl_anchor *res = xcalloc(rev->n + 1, sizeof *res);
    struct gl_span *fspans = xcalloc(fresh->n + 1, sizeof *fspans);
    struct gl_store fst, mst;
    struct gl_doc named = *doc; /* shallow, only to carry the new name */
    struct gl_run_info run;
    struct gl_err err = {0};
    size_t open;
    int rc = EXIT_OK;

    gl_anchor_file(rev, doc, old, res);
    for (size_t i = 0; i < fresh->n; i++)
        fspans[i] = gl_span_make(fresh->ann[i].byte_start,
                                 fresh->ann[i].byte_end);
    gl_store_init(&fst);
    gl_store_init(&mst);
    gl_annfile_to_store(fresh, fspans, &fst);
    open = gl_merge(rev, res, &fst, &mst, stats);
    if (open) {
        for (size_t i = 0; i < rev->n; i++) {
            struct gl_buf b = {0};
            if (!gl_merge_is_decision(&rev->ann[i]) ||
                gl_merge_placed(&res[i]))
                continue;
            gl_buf_printf(&b, "%s:%lu:%lu: ", revname, rev->ann[i].yline,
                          rev->ann[i].ycol);
            label(&rev->ann[i], &b);
            gl_buf_printf(&b, " is %s in the article",
                          res[i].status == GL_ANCHOR_LOST
                              ? "lost (its text is no longer)"
                              : "ambiguous (its text fits several places)");
            fprintf(stderr, "gloss: error: %s\n", b.p);
            gl_buf_free(&b);
        }
        fprintf(stderr, "gloss: error: %s: not merged: %zu reviewed "
                "annotations cannot be placed in %s; see 'gloss check %s "
                "--article %s', resolve them by hand, then merge again "
                "(nothing was written)\n", revname, open, doc->name, revname,
                doc->name);
        rc = EXIT_REFUSED;
    } else {
        named.name = fresh->article.path;
        run.gloss_version = fresh->gloss_version;
        run.scripts = (const char **)fresh->scripts;
        run.nscripts = fresh->nscripts;
        if (gl_emit_yaml(&named, &mst, &run, 0, buf_write, out, &err) !=
            GL_OK) {
            fprintf(stderr, "gloss: error: %s: cannot write the merge: %s\n",
                    revname, err.msg);
            rc = EXIT_INTERNAL;
        }
    }
    gl_store_fini(&mst);
    gl_store_fini(&fst);
    for (size_t i = 0; i < rev->n; i++) gl_anchor_fini(&res[i]);
    free(res);
    free(fspans);
    return rc;
}

static void print_err(const char *name, const struct gl_err *e)
{
    if (e->line)
        fprintf(stderr, "%s:%lu:%lu: %s", name, e->line, e->col, e->msg);
    else
        fprintf(stderr, "%s: %s", name, e->msg);
}

/* The article the reviewed file was written for, if it is still at hand
 * unchanged (its context then guides re-anchoring). */
static struct gl_doc *old_article(const struct gl_annfile *rev)
{
    struct gl_err err = {0};
    struct gl_doc *d;
    char hex[65];

    if (!strcmp(rev->article.path, "-")) return NULL;
    d = gl_doc_load(rev->article.path, &err);
    if (!d) return NULL;
    gl_doc_sha256_hex(d, hex);
    if (strcmp(hex, rev->article.sha256)) {
        gl_doc_free(d);
        return NULL;
    }
    return d;
}

static int merge_into(const char *dest, const struct gl_doc *doc,
                      const char *yaml, size_t ylen)
{
    struct gl_annfile *rev = NULL, *fresh = NULL;
    struct gl_doc *old = NULL;
    struct gl_err err = {0};
    struct gl_merge_stats st;
    struct gl_buf out = {0};
    int rc;

    if (gl_annfile_load(dest, &rev, &err) != GL_OK) {
        fputs("gloss: error: ", stderr);
        print_err(dest, &err);
        fputs("\n", stderr);
        return EXIT_REFUSED;
    }
    if (gl_annfile_parse(yaml, ylen, "(new run)", &fresh, &err) != GL_OK) {
        fprintf(stderr, "gloss: error: cannot read back the new run: %s\n",
                err.msg);
        gl_annfile_free(rev);
        return EXIT_INTERNAL;
    }
    old = old_article(rev);
    rc = gl_merge_yaml(dest, rev, doc, old, fresh, &out, &st);
    if (rc == EXIT_OK) {
        rc = gl_replace_keeping(dest, rev->src, rev->srclen, out.p, out.len);
        if (rc == EXIT_OK) gl_merge_report(dest, &st);
    }
    gl_buf_free(&out);
    gl_doc_free(old);
    gl_annfile_free(fresh);
    gl_annfile_free(rev);
    return rc;
}

static int write_plain(const char *dest, const char *yaml, size_t ylen)
{
    char why[512] = "";

    if (gl_write_atomic(dest, yaml, ylen, why, sizeof why) != 0) {
        if (!*why) snprintf(why, sizeof why, "%s: %s", dest, strerror(errno));
        fprintf(stderr, "gloss: error: cannot write %s\n", why);
        return EXIT_WRITE;
    }
    return EXIT_OK;
}

int gl_write_output(const char *dest, const char *path, const char *name,
                    const char *text, size_t len, const char *yaml,
                    size_t ylen)
{
    struct gl_doc *doc;
    struct gl_err err = {0};
    struct stat sb;
    char why[256] = "";
    int edited, rc;

    if (stat(dest, &sb) != 0) return write_plain(dest, yaml, ylen);
    doc = path ? gl_doc_load(path, &err)
               : gl_doc_from_memory(text, len, name, &err);
    /* the worker read it a moment ago; if it is gone now, judge the file
     * without the byte-for-byte test */
    edited = gl_annfile_path_edited(dest, doc, why, sizeof why, &err);
    if (edited == 0) {
        rc = write_plain(dest, yaml, ylen);
    } else if (policy == GL_EXISTING_FORCE) {
        size_t plen = 0;
        char *prev = gl_read_file(dest, &plen);

        if (!prev) {
            fprintf(stderr, "gloss: error: cannot read %s to keep a backup: "
                    "%s\n", dest, strerror(errno));
            rc = EXIT_WRITE;
        } else if ((rc = gl_replace_keeping(dest, prev, plen, yaml, ylen)) ==
                   EXIT_OK) {
            fprintf(stderr, "gloss: overwrote %s, which had been edited; the "
                    "previous version is in %s.bak\n", dest, dest);
        }
        free(prev);
    } else if (edited < 0) {
        fputs("gloss: error: ", stderr);
        print_err(dest, &err);
        fprintf(stderr, "\ngloss: error: not overwriting %s: it is not an "
                "annotation file gloss can read back, so it may hold work "
                "by hand; fix it (see 'gloss check %s'), or use --force to "
                "overwrite it (a backup is kept)\n", dest, dest);
        rc = EXIT_REFUSED;
    } else if (policy == GL_EXISTING_MERGE && doc) {
        rc = merge_into(dest, doc, yaml, ylen);
    } else {
        fprintf(stderr, "gloss: error: not overwriting %s: it has been "
                "edited by hand (%s). Use --merge to merge new suggestions "
                "into it, or --force to overwrite it; a backup is kept\n",
                dest, why);
        rc = EXIT_REFUSED;
    }
    gl_doc_free(doc);
    return rc;
}

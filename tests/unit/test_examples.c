/* test_examples.c - the reviewed example files keep the offset promise:
 * each annotations/examples/NAME.yaml re-parses with the strict reader,
 * names its article, and every annotation's start/end (code points),
 * byte_start/byte_end and line/col point at exactly the `text` it shows.
 * Run from the repository root (tests/run.sh does). */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "doc.h"
#include "util.h"
#include "yread.h"

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    struct gl_buf b = {0};
    char chunk[4096];
    size_t n;

    if (!f) return NULL;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) gl_buf_add(&b, chunk, n);
    fclose(f);
    gl_buf_add(&b, "", 0);
    *len = b.len;
    return b.p;
}

static long num(const struct gl_ynode *map, const char *key)
{
    const struct gl_ynode *v = gl_ymap_get(map, key);

    if (!v || v->kind != GL_Y_SCALAR || !v->plain) return -1;
    return strtol(v->str, NULL, 10);
}

static int nfiles;

static void check_file(const char *yaml_path)
{
    size_t len;
    char *buf = slurp(yaml_path, &len);
    struct gl_ynode *root = NULL;
    struct gl_err err = {0};
    const struct gl_ynode *art, *path, *anns;
    struct gl_doc *doc;
    size_t i;

    CHECKF(buf != NULL, "%s unreadable", yaml_path);
    if (!buf) return;
    nfiles++;
    CHECKF(gl_yaml_read(buf, len, yaml_path, &root, &err) == GL_OK && root,
           "%s: %lu:%lu: %s", yaml_path, err.line, err.col, err.msg);
    free(buf);
    if (!root) return;
    art = gl_ymap_get(root, "article");
    path = art ? gl_ymap_get(art, "path") : NULL;
    anns = gl_ymap_get(root, "annotations");
    CHECK(path && anns && anns->kind == GL_Y_SEQ);
    if (!path || !anns) goto out;
    doc = gl_doc_load(path->str, &err);
    CHECKF(doc != NULL, "%s: article %s: %s", yaml_path, path->str, err.msg);
    if (!doc) goto out;
    CHECK(num(art, "bytes") == (long)doc->len);
    CHECK(num(art, "chars") == (long)doc->nchars);
    for (i = 0; i < anns->n; i++) {
        const struct gl_ynode *a = anns->items[i];
        const struct gl_ynode *text = gl_ymap_get(a, "text");
        long bs = num(a, "byte_start"), be = num(a, "byte_end");
        long s = num(a, "start"), e = num(a, "end");
        long line = num(a, "line"), col = num(a, "col");
        unsigned long l, c;

        CHECKF(text && bs >= 0 && be >= bs && (size_t)be <= doc->len,
               "%s: annotation %zu has no valid byte range", yaml_path, i + 1);
        if (!(text && bs >= 0 && be >= bs && (size_t)be <= doc->len)) continue;
        CHECKF(text->len == (size_t)(be - bs) &&
                   memcmp(text->str, doc->bytes + bs, text->len) == 0,
               "%s: annotation %zu: text is not the article's bytes [%ld,%ld)",
               yaml_path, i + 1, bs, be);
        CHECKF(gl_doc_span_ok(doc, (size_t)bs, (size_t)be),
               "%s: annotation %zu: not on character boundaries", yaml_path, i + 1);
        CHECKF((size_t)s == gl_doc_cp(doc, (size_t)bs) &&
                   (size_t)e == gl_doc_cp(doc, (size_t)be),
               "%s: annotation %zu: code points [%ld,%ld) disagree with bytes",
               yaml_path, i + 1, s, e);
        gl_doc_linecol(doc, (size_t)bs, &l, &c);
        CHECKF((long)l == line && (long)c == col,
               "%s: annotation %zu: line:col %ld:%ld, article says %lu:%lu",
               yaml_path, i + 1, line, col, l, c);
    }
    gl_doc_free(doc);
out:
    gl_ynode_free(root);
}

static void test_examples_slice_their_articles(void)
{
    const char *dir = "annotations/examples";
    DIR *d = opendir(dir);
    struct dirent *e;

    CHECKF(d != NULL, "run from the repository root");
    if (!d) return;
    while ((e = readdir(d))) {
        size_t n = strlen(e->d_name);
        char path[1024];

        if (n < 6 || strcmp(e->d_name + n - 5, ".yaml") != 0) continue;
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        check_file(path);
    }
    closedir(d);
    CHECKF(nfiles >= 3, "only %d example files", nfiles);
}

int main(void)
{
    RUN(test_examples_slice_their_articles);
    return check_done();
}

/* cmd_convert.c - `gloss convert polnear|conll`: gold-standard corpora to
 * gloss annotation files, written through the core's YAML writer so they
 * are valid gloss files that `gloss eval` (and people) can read. CLI layer.
 *
 * PolNeAR attributions become a `claim` (the content) linked by `source`
 * and `cue` to a `source` and a `cue` annotation. Gold spans can be
 * discontinuous: each further piece is an annotation of the same type
 * linked by role `part` to the first piece, the head, which carries the
 * links and attributes; `gloss eval` scores a head with its parts as one
 * unit. A source (or cue) that several attributions share is written once.
 * CoNLL-2003 entities become `actor`s with kind person, organisation,
 * location or misc. Gold offsets count code points; every piece is checked
 * to slice the article to the gold text before it is written. */
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "atomic.h"
#include "commands.h"
#include "doc.h"
#include "emit.h"
#include "exitcode.h"
#include "json.h"
#include "store.h"
#include "util.h"

/* A unit already written for this article. */
struct known {
    const char *type; /* a literal */
    struct gl_span *sp;
    size_t n;
    long head;
};

struct conv {
    struct known *units;
    size_t nunits, capunits;
    int polnear;       /* else conll */
    const char *name;  /* the .json being converted, for messages */
    struct gl_doc *doc;
    struct gl_store st;
    size_t mismatches; /* pieces whose offsets do not give the gold text */
    size_t written;    /* annotations */
};

static void warn(struct conv *c, const char *what, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void warn(struct conv *c, const char *what, const char *fmt, ...)
{
    va_list ap;

    fprintf(stderr, "gloss: warning: %s: %s: ", c->name, what);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

static int as_u32(const struct gl_jnode *n, uint32_t *v)
{
    if (!n || n->kind != GL_J_NUMBER || !n->is_int || n->i < 0 ||
        n->i > (int64_t)UINT32_MAX)
        return -1;
    *v = (uint32_t)n->i;
    return 0;
}

/* Byte span of gold piece [cs, ce) (code points) whose bytes are given as
 * [bs, be) when have_b; checked against the gold text when there is one.
 * Returns 0 with *out set, -1 when neither reading gives the text. */
static int piece(struct conv *c, const char *what, uint32_t cs, uint32_t ce,
                 int have_b, uint32_t bs, uint32_t be,
                 const struct gl_jnode *text, struct gl_span *out)
{
    const struct gl_doc *d = c->doc;
    uint32_t s[2], e[2];
    int tries = 0;

    if (have_b) s[tries] = bs, e[tries++] = be;
    s[tries] = (uint32_t)gl_doc_byte(d, cs);
    e[tries++] = (uint32_t)gl_doc_byte(d, ce);
    for (int k = 0; k < tries; k++) {
        if (!gl_doc_span_ok(d, s[k], e[k])) continue;
        if (text && text->kind == GL_J_STRING &&
            (text->len != e[k] - s[k] ||
             memcmp(d->bytes + s[k], text->str, text->len) != 0))
            continue;
        *out = gl_span_make(s[k], e[k]);
        return 0;
    }
    c->mismatches++;
    warn(c, what, "offsets [%lu, %lu) do not give the gold text \"%.60s\"; "
         "skipped", (unsigned long)cs, (unsigned long)ce,
         text && text->kind == GL_J_STRING ? text->str : "?");
    return -1;
}

static int span_cmp(const void *a, const void *b)
{
    const struct gl_span *x = a, *y = b;
    if (x->start != y->start) return x->start < y->start ? -1 : 1;
    return x->end < y->end ? -1 : x->end > y->end;
}

static void set_str(struct gl_store *st, uint32_t id, const char *key,
                    const char *val, size_t len)
{
    struct gl_value v;

    v.t = GL_V_STR;
    v.u.s.p = xmemdup(val, len);
    v.u.s.len = len;
    gl_store_set_attr(st, id, key, strlen(key), &v);
}

static long add(struct conv *c, const char *type, struct gl_span sp)
{
    long id = gl_store_add(&c->st, type, strlen(type), sp, NULL, 0);

    if (id >= 0) {
        c->st.ann[id].review = GL_REVIEW_ACCEPTED; /* gold is reviewed */
        c->written++;
    }
    return id;
}

/* A unit of `type` with pieces sp[0..n) (sorted here): the head's id,
 * an identical earlier unit's when `share` (a source quoted for several
 * claims is one source), or -1 when n is 0. Takes sp. */
static long unit(struct conv *c, const char *type, struct gl_span *sp,
                 size_t n, int share)
{
    long head;

    if (!n) {
        free(sp);
        return -1;
    }
    qsort(sp, n, sizeof *sp, span_cmp);
    for (size_t i = 0; share && i < c->nunits; i++) {
        struct known *u = &c->units[i];
        if (u->n == n && strcmp(u->type, type) == 0 &&
            memcmp(u->sp, sp, n * sizeof *sp) == 0) {
            free(sp);
            return u->head;
        }
    }
    head = add(c, type, sp[0]);
    for (size_t k = 1; k < n && head >= 0; k++) {
        long id = add(c, type, sp[k]);
        if (id >= 0) gl_store_link(&c->st, (uint32_t)id, "part", 4,
                                   (uint32_t)head);
    }
    GL_GROW(c->units, c->capunits, c->nunits + 1);
    c->units[c->nunits].type = type;
    c->units[c->nunits].sp = sp;
    c->units[c->nunits].n = n;
    c->units[c->nunits++].head = head;
    return head;
}

/* The pieces of one role ("source", "cue", "content") of an attribution. */
static size_t pieces(struct conv *c, const struct gl_jnode *at,
                     const char *role, const char *aid, struct gl_span **out)
{
    char key[32], what[96];
    const struct gl_jnode *cp = gl_jobj_get(at, role);
    const struct gl_jnode *by = gl_jobj_get(gl_jobj_get(at, "utf8"), role);
    const struct gl_jnode *tx;
    size_t n = 0;

    snprintf(key, sizeof key, "%s_text", role);
    tx = gl_jobj_get(at, key);
    *out = NULL;
    if (!cp || cp->kind != GL_J_ARRAY) return 0;
    *out = xcalloc(cp->n + 1, sizeof **out);
    for (size_t k = 0; k < cp->n; k++) {
        const struct gl_jnode *p = cp->items[k];
        const struct gl_jnode *b = by && by->kind == GL_J_ARRAY &&
                                   k < by->n ? by->items[k] : NULL;
        uint32_t cs, ce, bs = 0, be = 0;
        int have_b;

        snprintf(what, sizeof what, "attribution %s %s piece %zu", aid, role,
                 k + 1);
        if (p->kind != GL_J_ARRAY || p->n != 2 || as_u32(p->items[0], &cs) ||
            as_u32(p->items[1], &ce) || ce < cs) {
            c->mismatches++;
            warn(c, what, "not a [start, end] pair; skipped");
            continue;
        }
        have_b = b && b->kind == GL_J_ARRAY && b->n == 2 &&
                 !as_u32(b->items[0], &bs) && !as_u32(b->items[1], &be);
        if (piece(c, what, cs, ce, have_b, bs, be,
                  tx && tx->kind == GL_J_ARRAY && k < tx->n ? tx->items[k]
                                                            : NULL,
                  &(*out)[n]) == 0)
            n++;
    }
    return n;
}

static void polnear(struct conv *c, const struct gl_jnode *root)
{
    const struct gl_jnode *atts = gl_jobj_get(root, "attributions");

    if (!atts || atts->kind != GL_J_ARRAY) {
        warn(c, "attributions", "missing or not an array");
        c->mismatches++;
        return;
    }
    for (size_t i = 0; i < atts->n; i++) {
        const struct gl_jnode *at = atts->items[i];
        const struct gl_jnode *idn = gl_jobj_get(at, "id");
        const struct gl_jnode *ty = gl_jobj_get(at, "type");
        const char *aid = idn && idn->kind == GL_J_STRING ? idn->str : "?";
        struct gl_span *src, *cue, *con;
        size_t ns = pieces(c, at, "source", aid, &src);
        size_t nc = pieces(c, at, "cue", aid, &cue);
        size_t nt = pieces(c, at, "content", aid, &con);
        long claim = unit(c, "claim", con, nt, 0);
        long s = unit(c, "source", src, ns, 1);
        long q = unit(c, "cue", cue, nc, 1);

        if (claim >= 0) {
            if (s >= 0) gl_store_link(&c->st, (uint32_t)claim, "source", 6,
                                      (uint32_t)s);
            if (q >= 0) gl_store_link(&c->st, (uint32_t)claim, "cue", 3,
                                      (uint32_t)q);
            set_str(&c->st, (uint32_t)claim, "gold_id", aid, strlen(aid));
            if (ty && ty->kind == GL_J_STRING)
                set_str(&c->st, (uint32_t)claim, "gold_type", ty->str,
                        ty->len);
            if (s < 0) {
                struct gl_value v;
                v.t = GL_V_BOOL;
                v.u.b = 1;
                gl_store_set_attr(&c->st, (uint32_t)claim, "unattributed",
                                  12, &v);
            }
        }
    }
}

static void conll(struct conv *c, const struct gl_jnode *root)
{
    static const char *const kinds[][2] = {{"PER", "person"},
                                           {"ORG", "organisation"},
                                           {"LOC", "location"},
                                           {"MISC", "misc"}};
    const struct gl_jnode *ents = gl_jobj_get(root, "entities");

    if (!ents || ents->kind != GL_J_ARRAY) {
        warn(c, "entities", "missing or not an array");
        c->mismatches++;
        return;
    }
    for (size_t i = 0; i < ents->n; i++) {
        const struct gl_jnode *e = ents->items[i];
        const struct gl_jnode *ty = gl_jobj_get(e, "type");
        const char *kind = NULL;
        char what[64];
        uint32_t cs, ce;
        struct gl_span sp;
        long id;

        snprintf(what, sizeof what, "entity %zu", i + 1);
        for (size_t k = 0; ty && ty->kind == GL_J_STRING && k < 4; k++)
            if (strcmp(ty->str, kinds[k][0]) == 0) kind = kinds[k][1];
        if (!kind || as_u32(gl_jobj_get(e, "start"), &cs) ||
            as_u32(gl_jobj_get(e, "end"), &ce) || ce < cs) {
            c->mismatches++;
            warn(c, what, "needs type PER|ORG|LOC|MISC and start <= end; "
                 "skipped");
            continue;
        }
        if (piece(c, what, cs, ce, 0, 0, 0, gl_jobj_get(e, "text"), &sp))
            continue;
        if ((id = add(c, "actor", sp)) < 0) continue;
        set_str(&c->st, (uint32_t)id, "kind", kind, strlen(kind));
        set_str(&c->st, (uint32_t)id, "gold_type", ty->str, ty->len);
    }
}

static int buf_write(void *ctx, const char *p, size_t n)
{
    gl_buf_add(ctx, p, n);
    return 0;
}

/* Convert one .json into the file `out`. Returns an exit status. */
static int convert_one(struct conv *c, const char *json, const char *out)
{
    const char *scripts[1];
    struct gl_run_info run;
    struct gl_jnode *root = NULL;
    struct gl_err err = {0};
    struct gl_buf yaml = {0};
    char *txt, why[512];
    size_t n = strlen(json);
    int rc;

    c->name = json;
    if ((rc = gl_json_load(json, &root, &err))) {
        if (err.line)
            fprintf(stderr, "gloss: error: %s:%lu:%lu: %s\n", json, err.line,
                    err.col, err.msg);
        else fprintf(stderr, "gloss: error: %s: %s\n", json, err.msg);
        return EXIT_INPUT;
    }
    txt = xmalloc(n + 1);
    memcpy(txt, json, n + 1);
    if (n > 5 && strcmp(txt + n - 5, ".json") == 0) strcpy(txt + n - 5, ".txt");
    c->doc = gl_doc_load(txt, &err);
    if (!c->doc) {
        fprintf(stderr, "gloss: error: %s: %s\n", txt, err.msg);
        free(txt);
        gl_json_free(root);
        return EXIT_INPUT;
    }
    gl_store_init(&c->st);
    if (c->polnear) polnear(c, root);
    else conll(c, root);
    scripts[0] = c->polnear ? "gold:polnear" : "gold:conll";
    run.gloss_version = GLOSS_VERSION;
    run.scripts = scripts;
    run.nscripts = 1;
    rc = gl_emit_yaml(c->doc, &c->st, &run, 0, buf_write, &yaml, &err);
    if (rc) {
        fprintf(stderr, "gloss: error: %s: %s\n", json, err.msg);
        rc = EXIT_INTERNAL;
    } else if (gl_write_atomic(out, yaml.p, yaml.len, why, sizeof why)) {
        fprintf(stderr, "gloss: error: %s\n", why);
        rc = EXIT_WRITE;
    }
    gl_buf_free(&yaml);
    gl_store_fini(&c->st);
    for (size_t k = 0; k < c->nunits; k++) free(c->units[k].sp);
    c->nunits = 0;
    gl_doc_free(c->doc);
    c->doc = NULL;
    free(txt);
    gl_json_free(root);
    return rc;
}

static int ends_with(const char *s, const char *suf)
{
    size_t n = strlen(s), m = strlen(suf);
    return n > m && strcmp(s + n - m, suf) == 0;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The .json files named: files as given, folders' *.json sorted. */
static int gather(const char *in, char ***list, size_t *n, size_t *cap)
{
    struct stat st;
    DIR *d;
    struct dirent *e;
    size_t first = *n;

    if (stat(in, &st) != 0) {
        fprintf(stderr, "gloss: error: %s: %s\n", in, strerror(errno));
        return EXIT_INPUT;
    }
    if (!S_ISDIR(st.st_mode)) {
        GL_GROW(*list, *cap, *n + 1);
        (*list)[(*n)++] = xstrdup(in);
        return EXIT_OK;
    }
    if (!(d = opendir(in))) {
        fprintf(stderr, "gloss: error: %s: %s\n", in, strerror(errno));
        return EXIT_INPUT;
    }
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.' || !ends_with(e->d_name, ".json")) continue;
        GL_GROW(*list, *cap, *n + 1);
        (*list)[*n] = xmalloc(strlen(in) + strlen(e->d_name) + 2);
        sprintf((*list)[(*n)++], "%s/%s", in, e->d_name);
    }
    closedir(d);
    qsort(*list + first, *n - first, sizeof **list, cmp_str);
    return EXIT_OK;
}

static int usage(const char *msg, const char *arg)
{
    fprintf(stderr, "gloss: error: %s%s%s\n", msg, arg ? " " : "",
            arg ? arg : "");
    fputs("usage: gloss convert polnear|conll -o OUT INPUT...\n"
          "INPUT is a gold .json file (its article is the .txt beside it) "
          "or a folder of them;\nOUT is a folder (NAME.json -> OUT/NAME.yaml)"
          ", or a .yaml file for one input.\n", stderr);
    return EXIT_USAGE;
}

int gl_cmd_convert(int argc, char **argv)
{
    struct conv c;
    const char *out = NULL;
    char **files = NULL;
    size_t n = 0, cap = 0, ok = 0;
    int i, rc = EXIT_OK;

    memset(&c, 0, sizeof c);
    if (argc < 2) return usage("which corpus? polnear or conll", NULL);
    if (strcmp(argv[1], "polnear") == 0) c.polnear = 1;
    else if (strcmp(argv[1], "conll") != 0)
        return usage("unknown corpus", argv[1]);
    for (i = 2; i < argc; i++) {
        if (strcmp(argv[i], "-o") == 0 || strcmp(argv[i], "--output") == 0) {
            if (++i >= argc) {
                rc = usage("missing value after", argv[i - 1]);
                break;
            }
            out = argv[i];
        } else if (argv[i][0] == '-' && argv[i][1]) {
            rc = usage("unknown option", argv[i]);
            break;
        } else {
            int r = gather(argv[i], &files, &n, &cap);
            if (r && !rc) rc = r;
        }
    }
    if (rc == EXIT_USAGE || !out || (!n && !rc)) {
        for (size_t k = 0; k < n; k++) free(files[k]);
        free(files);
        if (rc == EXIT_USAGE) return rc;
        return usage(!out ? "no output given (-o OUT)" : "no input given",
                     NULL);
    }
    if (!(ends_with(out, ".yaml") && n == 1) && mkdir(out, 0777) != 0 &&
        errno != EEXIST) {
        fprintf(stderr, "gloss: error: %s: %s\n", out, strerror(errno));
        for (size_t k = 0; k < n; k++) free(files[k]);
        free(files);
        return EXIT_WRITE;
    }
    for (size_t k = 0; k < n; k++) {
        const char *base = strrchr(files[k], '/');
        char *path;
        int r;

        base = base ? base + 1 : files[k];
        path = xmalloc(strlen(out) + strlen(base) + 8);
        if (ends_with(out, ".yaml") && n == 1) strcpy(path, out);
        else sprintf(path, "%s/%.*s.yaml", out,
                     (int)(strlen(base) - (ends_with(base, ".json") ? 5 : 0)),
                     base);
        r = convert_one(&c, files[k], path);
        if (r && !rc) rc = r;
        ok += r == EXIT_OK;
        free(path);
        free(files[k]);
    }
    free(files);
    free(c.units);
    fprintf(stderr, "gloss convert: %zu of %zu documents written, %zu "
            "annotations, %zu gold pieces skipped (offsets not matching the "
            "gold text)\n", ok, n, c.written, c.mismatches);
    return rc;
}

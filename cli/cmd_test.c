/* cmd_test.c - `gloss test SCRIPT|DIR|FILE...`: run a script's fixture
 * cases (SCRIPT.test/NAME.yaml, cli/fixture.h), report the tag rules no case
 * fired, and replay reviewed annotation files (accepted and edited must be
 * made again, rejected must not). CLI layer. Statuses: 0 all pass, 1 a case
 * failed or coverage is under --min-coverage, 2 usage or a script that does
 * not compile, 3 a case file, annotation file or article cannot be read. */
#define _XOPEN_SOURCE 700 /* realpath */
#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "annfile.h"
#include "commands.h"
#include "coverage.h"
#include "engine.h"
#include "exitcode.h"
#include "fixture.h"
#include "util.h"

struct tally {
    size_t passed, failed, todo;
    int status;          /* worst of 2/3 seen first, else 1 on a failure */
};

struct ctx {
    char *root;
    struct gl_run_info run;
    struct tally t;
    struct gl_cov all;   /* over every suite, for the summary */
};

static void fail_status(struct tally *t, int st)
{
    if (t->status == 0 || t->status == EXIT_PROBLEMS) t->status = st;
}

static int is_dir(const char *p)
{
    struct stat sb;
    return stat(p, &sb) == 0 && S_ISDIR(sb.st_mode);
}

static int is_file(const char *p)
{
    struct stat sb;
    return stat(p, &sb) == 0 && S_ISREG(sb.st_mode);
}

static int ends(const char *s, const char *suf)
{
    size_t n = strlen(s), m = strlen(suf);
    return n >= m && !strcmp(s + n - m, suf);
}

static char *join(const char *a, const char *b)
{
    struct gl_buf p = {0};
    size_t n = strlen(a);
    gl_buf_printf(&p, "%s%s%s", a, n && a[n - 1] == '/' ? "" : "/", b);
    return p.p;
}

static char *dir_of(const char *path)
{
    const char *s = strrchr(path, '/');
    return s ? xmemdup(path, (size_t)(s - path)) : xstrdup(".");
}

/* X.lua -> X.test, where the script's cases live. */
static char *test_dir(const char *script)
{
    struct gl_buf b = {0};
    size_t n = strlen(script);
    gl_buf_add(&b, script, ends(script, ".lua") ? n - 4 : n);
    gl_buf_puts(&b, ".test");
    return b.p;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Entries of a folder (no hidden ones), sorted so output is stable. */
static char **list_dir(const char *dir, size_t *n)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    char **v = NULL;
    size_t cap = 0;

    *n = 0;
    if (!d) return NULL;
    while ((e = readdir(d)))
        if (e->d_name[0] != '.') {
            GL_GROW(v, cap, *n + 1);
            v[(*n)++] = xstrdup(e->d_name);
        }
    closedir(d);
    if (*n) qsort(v, *n, sizeof *v, cmp_str);
    return v;
}

static void free_list(char **v, size_t n)
{
    for (size_t i = 0; i < n; i++) free(v[i]);
    free(v);
}

/* Add script `path` to eng: as the preset it is when it lives in
 * ROOT/presets (so rules read "presets/NAME.lua:LINE" as in real output
 * and in reviewed files), else as a file. */
static int add_script(struct ctx *c, struct gl_engine *eng, const char *path,
                      struct gl_err *err)
{
    char a[PATH_MAX], b[PATH_MAX];
    char *dir = dir_of(path), *pre = join(c->root, "presets");
    int preset = realpath(dir, a) && realpath(pre, b) && !strcmp(a, b);
    int rc;

    free(dir);
    free(pre);
    if (preset && ends(path, ".lua")) {
        const char *base = strrchr(path, '/');
        char *name = xstrdup(base ? base + 1 : path);
        name[strlen(name) - 4] = '\0';
        rc = gl_engine_add_preset(eng, name, err);
        free(name);
        return rc;
    }
    return gl_engine_add_script(eng, path, err);
}

/* A script named in a case file's `before` or a reviewed file's `run`:
 * preset:NAME, a path as given, or a path relative to `near`'s folder. */
static int add_named(struct ctx *c, struct gl_engine *eng, const char *name,
                     const char *near, struct gl_err *err)
{
    struct stat sb;
    char *dir, *p;
    int rc;

    if (!strncmp(name, "preset:", 7))
        return gl_engine_add_preset(eng, name + 7, err);
    if (stat(name, &sb) == 0 || name[0] == '/')
        return add_script(c, eng, name, err);
    dir = dir_of(near);
    p = join(dir, name);
    rc = add_script(c, eng, p, err);
    free(dir);
    free(p);
    return rc;
}

static struct gl_engine *new_engine(struct ctx *c)
{
    struct gl_engine *eng = gl_engine_new(c->root);
    struct gl_limits lim = {GL_DEFAULT_TIMEOUT_MS, GL_DEFAULT_MAX_MEMORY,
                            GL_DEFAULT_MAX_ANNOTATIONS};
    gl_engine_set_limits(eng, &lim);
    return eng;
}

static void print_err(const char *name, const struct gl_err *e)
{
    if (e->line)
        fprintf(stderr, "gloss: error: %s:%lu:%lu: %s\n", name, e->line,
                e->col, e->msg);
    else
        fprintf(stderr, "gloss: error: %s: %s\n", name, e->msg);
}

/* ---- fixture cases ------------------------------------------------- */

static void run_case(struct ctx *c, struct gl_engine *eng,
                     const struct fx_file *f, const struct fx_case *k,
                     struct gl_cov *cv)
{
    struct gl_err err = {0};
    struct gl_buf out = {0}, name = {0};
    struct gl_store st;
    struct gl_doc *doc;
    size_t problems = 0;

    gl_buf_printf(&name, "%s:%lu", f->path, k->line);
    doc = gl_doc_from_memory(k->text, k->len, name.p, &err);
    gl_store_init(&st);
    if (!doc) {
        gl_buf_printf(&out, "     text: %s\n", err.msg);
        problems = 1;
    } else if (gl_engine_run(eng, doc, &st, &err) != GL_OK) {
        gl_buf_printf(&out, "     script error: %s\n", gl_engine_message(eng));
        problems = 1;
    } else {
        for (size_t i = 0; i < st.n; i++) {
            gl_cov_fire(cv, st.ann[i].script, st.ann[i].line);
            gl_cov_fire(&c->all, st.ann[i].script, st.ann[i].line);
        }
        problems = fx_compare(f, k, doc, &st, "     ", &out);
    }
    printf("%s %s: %s\n", problems ? "FAIL" : "PASS", name.p, k->name);
    if (out.len) fputs(out.p, stdout);
    if (problems) c->t.failed++, fail_status(&c->t, EXIT_PROBLEMS);
    else c->t.passed++;
    gl_store_fini(&st);
    gl_doc_free(doc);
    gl_buf_free(&out);
    gl_buf_free(&name);
}

static void run_case_file(struct ctx *c, const char *script, const char *path,
                          struct gl_cov *cv)
{
    struct fx_file *f;
    struct gl_err err = {0};
    struct gl_engine *eng;
    int rc = GL_OK;

    if (fx_load(path, &f, &err) != GL_OK) {
        print_err(path, &err);
        c->t.failed++;
        fail_status(&c->t, EXIT_INPUT);
        return;
    }
    eng = new_engine(c);
    for (size_t i = 0; i < f->nbefore && rc == GL_OK; i++)
        rc = add_named(c, eng, f->before[i], path, &err);
    if (rc == GL_OK) rc = add_script(c, eng, script, &err);
    if (rc != GL_OK) {
        fprintf(stderr, "gloss: error: %s: %s\n", path, gl_engine_message(eng));
        c->t.failed += f->n;
        fail_status(&c->t, EXIT_USAGE);
    } else {
        for (size_t i = 0; i < f->n; i++) run_case(c, eng, f, &f->cases[i], cv);
    }
    gl_engine_free(eng);
    fx_free(f);
}

/* Every case file of `script` (SCRIPT.test/NAME.yaml), or just `only`. */
static void run_suite(struct ctx *c, const char *script, const char *only)
{
    char *dir = test_dir(script);
    struct gl_cov cv;
    size_t n = 0, fired;

    gl_cov_init(&cv, c->root);
    gl_cov_scan(&cv, script);
    gl_cov_scan(&c->all, script);
    if (only) {
        run_case_file(c, script, only, &cv);
    } else {
        char **names = list_dir(dir, &n);
        size_t files = 0;
        for (size_t i = 0; i < n; i++)
            if (ends(names[i], ".yaml")) {
                char *p = join(dir, names[i]);
                run_case_file(c, script, p, &cv);
                free(p);
                files++;
            }
        free_list(names, n);
        if (!files) {
            printf("FAIL %s: no fixtures (no %s/*.yaml)\n", script, dir);
            c->t.failed++;
            fail_status(&c->t, EXIT_PROBLEMS);
        }
    }
    fired = gl_cov_fired(&cv);
    printf("coverage %s: %zu of %zu tag rules fired", script, fired, cv.n);
    if (cv.n) printf(" (%zu%%)", fired * 100 / cv.n);
    putchar('\n');
    for (size_t i = 0; i < cv.n; i++)
        if (!cv.site[i].fired)
            printf("     never fired: %s:%lu\n", cv.site[i].shown,
                   cv.site[i].line);
    gl_cov_fini(&cv);
    free(dir);
}

/* ---- reviewed annotation files ------------------------------------- */

static int val_eq(const struct gl_value *a, const struct gl_value *b)
{
    if (a->t != b->t) return 0;
    switch (a->t) {
    case GL_V_BOOL: return !a->u.b == !b->u.b;
    case GL_V_INT: return a->u.i == b->u.i;
    case GL_V_NUM: return a->u.n == b->u.n;
    case GL_V_STR:
        return a->u.s.len == b->u.s.len &&
               !memcmp(a->u.s.p, b->u.s.p, a->u.s.len);
    case GL_V_LIST:
        if (a->u.list.n != b->u.list.n) return 0;
        for (size_t i = 0; i < a->u.list.n; i++)
            if (!val_eq(&a->u.list.v[i], &b->u.list.v[i])) return 0;
        return 1;
    }
    return 0;
}

/* The byte span a reviewed annotation states, or 0 (hand-added by text). */
static int af_span(const struct gl_doc *doc, const struct gl_af_ann *a,
                   struct gl_span *sp)
{
    if (a->has & GL_AF_BYTES) {
        sp->start = a->byte_start, sp->end = a->byte_end;
    } else if (a->has & GL_AF_START) {
        sp->start = (uint32_t)gl_doc_byte(doc, a->start);
        sp->end = (uint32_t)gl_doc_byte(doc, a->end);
    } else {
        return 0;
    }
    return sp->end <= doc->len && sp->start <= sp->end;
}

/* The produced annotation of a's type at a's place (or with its text). */
static long produced(const struct gl_doc *doc, const struct gl_store *st,
                     const struct gl_af_ann *a)
{
    struct gl_span sp;
    int placed = af_span(doc, a, &sp);

    for (size_t i = 0; i < st->n; i++) {
        const struct gl_ann *p = &st->ann[i];
        if (strcmp(p->type, a->type)) continue;
        if (placed ? p->span.start == sp.start && p->span.end == sp.end
                   : p->span.end - p->span.start == a->tlen &&
                     !memcmp(doc->bytes + p->span.start, a->text, a->tlen))
            return (long)i;
    }
    return -1;
}

/* What differs between reviewed annotation a and produced p ("" if none). */
static void differs(const struct gl_annfile *f, const struct gl_doc *doc,
                    const struct gl_store *st, const struct gl_af_ann *a,
                    const struct gl_ann *p, struct gl_buf *why)
{
    size_t i = 0, k = 0;

    while (!why->len && (i < a->nattrs || k < p->nattrs)) {
        int c = i == a->nattrs ? 1 : k == p->nattrs ? -1
              : strcmp(a->attrs[i].key, p->attrs[k].key);
        if (c < 0)
            gl_buf_printf(why, "attribute %s is missing", a->attrs[i].key);
        else if (c > 0)
            gl_buf_printf(why, "it has attribute %s too", p->attrs[k].key);
        else if (!val_eq(&a->attrs[i].val, &p->attrs[k].val))
            gl_buf_printf(why, "attribute %s differs", a->attrs[i].key);
        i += c <= 0, k += c >= 0;
    }
    for (size_t j = 0; j < a->nlinks && !why->len; j++) {
        long t = gl_annfile_find(f, a->links[j].target);
        const struct gl_af_ann *ta = t >= 0 ? &f->ann[t] : NULL;
        long pt = ta && ta->review != GL_REVIEW_REJECTED
                      ? produced(doc, st, ta) : -2;
        int found = 0;

        if (pt == -2) continue;      /* a link to a rejected annotation */
        for (size_t m = 0; m < p->nlinks && !found; m++)
            found = pt >= 0 && !strcmp(p->links[m].role, a->links[j].role) &&
                    p->links[m].target == (uint32_t)pt;
        if (!found)
            gl_buf_printf(why, "its %s link (to annotation %lu) is missing",
                          a->links[j].role, (unsigned long)a->links[j].target);
    }
}

struct rule_count {
    char *rule;
    size_t n;
};

static void count_rule(struct rule_count **v, size_t *n, size_t *cap,
                       const char *rule)
{
    for (size_t i = 0; i < *n; i++)
        if (!strcmp((*v)[i].rule, rule)) {
            (*v)[i].n++;
            return;
        }
    GL_GROW(*v, *cap, *n + 1);
    (*v)[*n].rule = xstrdup(rule);
    (*v)[(*n)++].n = 1;
}

static void compare_reviewed(struct ctx *c, const char *path,
                             const struct gl_annfile *f,
                             const struct gl_doc *doc,
                             const struct gl_store *st)
{
    const char *base = strrchr(path, '/');
    struct gl_buf out = {0}, why = {0};
    struct rule_count *rules = NULL;
    size_t nrules = 0, caprules = 0, bad = 0, reviewed = 0, todo = 0;
    size_t nr[4] = {0};

    base = base ? base + 1 : path;
    for (size_t i = 0; i < f->n; i++) {
        const struct gl_af_ann *a = &f->ann[i];
        long p;

        if (a->review == GL_REVIEW_PENDING) continue;
        reviewed++;
        nr[a->review]++;
        p = produced(doc, st, a);
        if (a->review == GL_REVIEW_REJECTED) {
            if (p < 0) continue;
            gl_buf_puts(&out, "     + rejected ");
            fx_label(&out, a->type, a->text, a->tlen);
            gl_buf_printf(&out, " (%s:%lu) is made again by %s:%lu\n", base,
                          a->yline, st->ann[p].script, st->ann[p].line);
            gl_buf_printf(&why, "%s:%lu", st->ann[p].script, st->ann[p].line);
            count_rule(&rules, &nrules, &caprules, why.p);
            why.len = 0;
            bad++;
            continue;
        }
        if (p < 0 && !a->rule) {
            gl_buf_puts(&out, "     ? added by hand, not made yet: ");
            fx_label(&out, a->type, a->text, a->tlen);
            gl_buf_printf(&out, " (%s:%lu)\n", base, a->yline);
            todo++;
            continue;
        }
        why.len = 0;
        if (p >= 0) differs(f, doc, st, a, &st->ann[p], &why);
        if (p >= 0 && !why.len) continue;
        gl_buf_printf(&out, "     - %s ", a->review == GL_REVIEW_EDITED
                      ? "edited" : "accepted");
        fx_label(&out, a->type, a->text, a->tlen);
        gl_buf_printf(&out, " (%s:%lu) %s%s\n", base, a->yline,
                      p < 0 ? "is no longer made" : "is made, but ",
                      p < 0 ? "" : why.p);
        count_rule(&rules, &nrules, &caprules, a->rule ? a->rule : "(by hand)");
        why.len = 0;
        bad++;
    }
    if (!reviewed) {
        printf("SKIP %s: nothing reviewed yet\n", path);
    } else {
        printf("%s %s: %zu reviewed (%zu accepted, %zu edited, %zu rejected)"
               ", %zu regressed\n", bad ? "FAIL" : "PASS", path, reviewed,
               nr[GL_REVIEW_ACCEPTED], nr[GL_REVIEW_EDITED],
               nr[GL_REVIEW_REJECTED], bad);
        if (out.len) fputs(out.p, stdout);
        if (nrules) {
            fputs("     regressions by rule:", stdout);
            for (size_t i = 0; i < nrules; i++)
                printf("%s %s (%zu)", i ? "," : "", rules[i].rule, rules[i].n);
            putchar('\n');
        }
        if (bad) c->t.failed++, fail_status(&c->t, EXIT_PROBLEMS);
        else c->t.passed++;
        c->t.todo += todo;
    }
    for (size_t i = 0; i < nrules; i++) free(rules[i].rule);
    free(rules);
    gl_buf_free(&out);
    gl_buf_free(&why);
}

/* The article a reviewed file names: as written, or beside the file. */
static char *article_of(const char *yaml, const char *path)
{
    struct stat sb;
    char *dir, *p;

    if (stat(path, &sb) == 0 || path[0] == '/' || !strchr(yaml, '/'))
        return xstrdup(path);
    dir = dir_of(yaml);
    p = join(dir, path);
    free(dir);
    if (stat(p, &sb) == 0) return p;
    free(p);
    return xstrdup(path);
}

static void run_reviewed(struct ctx *c, const char *path)
{
    struct gl_annfile *f = NULL;
    struct gl_err err = {0};
    struct gl_engine *eng = NULL;
    struct gl_doc *doc = NULL;
    struct gl_store st;
    char *art = NULL, hex[65];
    int rc = GL_OK;

    gl_store_init(&st);
    if (gl_annfile_load(path, &f, &err) != GL_OK) {
        print_err(path, &err);
        fail_status(&c->t, EXIT_INPUT);
        c->t.failed++;
        goto done;
    }
    art = article_of(path, f->article.path);
    if (!(doc = gl_doc_load(art, &err))) {
        fprintf(stderr, "gloss: error: %s: article %s: %s\n", path, art,
                err.msg);
        fail_status(&c->t, EXIT_INPUT);
        c->t.failed++;
        goto done;
    }
    gl_doc_sha256_hex(doc, hex);
    if (strcmp(hex, f->article.sha256)) {
        printf("FAIL %s: the article %s changed since it was reviewed; "
               "run 'gloss check --fix %s' first\n", path, art, path);
        fail_status(&c->t, EXIT_PROBLEMS);
        c->t.failed++;
        goto done;
    }
    eng = new_engine(c);
    for (size_t i = 0; i < f->nscripts && rc == GL_OK; i++)
        rc = add_named(c, eng, f->scripts[i], path, &err);
    if (rc != GL_OK) {
        fprintf(stderr, "gloss: error: %s: %s\n", path, gl_engine_message(eng));
        fail_status(&c->t, EXIT_USAGE);
        c->t.failed++;
        goto done;
    }
    if (gl_engine_run(eng, doc, &st, &err) != GL_OK) {
        printf("FAIL %s: script error: %s\n", path, gl_engine_message(eng));
        fail_status(&c->t, EXIT_PROBLEMS);
        c->t.failed++;
        goto done;
    }
    compare_reviewed(c, path, f, doc, &st);
done:
    gl_store_fini(&st);
    gl_doc_free(doc);
    if (eng) gl_engine_free(eng);
    gl_annfile_free(f);
    free(art);
}

/* ---- finding what to test ------------------------------------------ */

/* 1 when a .yaml file looks like an annotation file (a "gloss:" line). */
static int is_annfile(const char *path)
{
    FILE *f = fopen(path, "r");
    char line[256];
    int yes = 0;

    if (!f) return 0;
    while (!yes && fgets(line, sizeof line, f))
        yes = !strncmp(line, "gloss:", 6);
    fclose(f);
    return yes;
}

static void walk(struct ctx *c, const char *dir)
{
    size_t n;
    char **names = list_dir(dir, &n);

    for (size_t i = 0; i < n; i++) {
        char *p = join(dir, names[i]);
        if (ends(names[i], ".test") && is_dir(p)) {
            /* run with its script, below */
        } else if (is_dir(p)) {
            walk(c, p);
        } else if (ends(names[i], ".lua")) {
            char *t = test_dir(p);
            if (is_dir(t)) run_suite(c, p, NULL);
            free(t);
        } else if (ends(names[i], ".yaml") && is_annfile(p)) {
            run_reviewed(c, p);
        }
        free(p);
    }
    free_list(names, n);
}

static int usage(const char *msg, const char *arg)
{
    fprintf(stderr, "gloss: error: %s%s%s\n", msg, arg ? " " : "",
            arg ? arg : "");
    fputs("usage: gloss test [--preset NAME]... [--scripts-dir DIR] "
          "[--min-coverage PCT] [SCRIPT.lua | DIR | FILE.yaml]...\n", stderr);
    return EXIT_USAGE;
}

/* One argument: a script, a folder, a case file or a reviewed file. */
static int target(struct ctx *c, const char *a)
{
    struct stat sb;

    if (stat(a, &sb) != 0) {
        fprintf(stderr, "gloss: error: %s: no such file or folder\n", a);
        return EXIT_INPUT;
    }
    if (S_ISDIR(sb.st_mode)) {
        walk(c, a);
    } else if (ends(a, ".lua")) {
        run_suite(c, a, NULL);
    } else if (ends(a, ".yaml") && !is_annfile(a)) {
        char *dir = dir_of(a), *script;
        if (!ends(dir, ".test")) {
            free(dir);
            fprintf(stderr, "gloss: error: %s: neither an annotation file "
                    "nor a case file in a SCRIPT.test folder\n", a);
            return EXIT_INPUT;
        }
        script = xstrdup(dir);
        strcpy(script + strlen(script) - 5, ".lua");
        run_suite(c, script, a);
        free(script);
        free(dir);
    } else {
        run_reviewed(c, a);
    }
    return EXIT_OK;
}

int gl_cmd_test(int argc, char **argv)
{
    struct ctx c;
    const char **presets = NULL;
    size_t npresets = 0, cap = 0, fired;
    long min_cov = -1;
    int given = 0, rc = EXIT_OK;

    memset(&c, 0, sizeof c);
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--preset") || !strcmp(a, "-p") ||
            !strcmp(a, "--scripts-dir") || !strcmp(a, "--min-coverage")) {
            if (i + 1 >= argc) {
                free(presets);
                free(c.root);
                return usage("missing value after", a);
            }
            if (a[1] == 'p' || a[2] == 'p') {
                GL_GROW(presets, cap, npresets + 1);
                presets[npresets++] = argv[++i];
            } else if (a[2] == 's') {
                free(c.root);
                c.root = xstrdup(argv[++i]);
            } else {
                char *end;
                min_cov = strtol(argv[++i], &end, 10);
                if (*end || min_cov < 0 || min_cov > 100) {
                    free(presets);
                    free(c.root);
                    return usage("--min-coverage wants 0..100, not", argv[i]);
                }
            }
        } else if (a[0] == '-' && a[1]) {
            free(presets);
            free(c.root);
            return usage("unknown option", a);
        } else {
            given++;
        }
    }
    if (!given && !npresets) {
        free(presets);
        free(c.root);
        return usage("nothing to test", NULL);
    }
    if (!c.root) c.root = gl_engine_default_root();
    gl_cov_init(&c.all, c.root);
    for (size_t i = 0; i < npresets; i++) {
        char *rel = xmalloc(strlen(presets[i]) + sizeof "presets/.lua");
        char *p;
        sprintf(rel, "presets/%s.lua", presets[i]);
        p = join(c.root, rel);
        if (strchr(presets[i], '/') || !is_file(p)) {
            fprintf(stderr, "gloss: error: unknown preset '%s' (no %s)\n",
                    presets[i], p);
            fail_status(&c.t, EXIT_USAGE);
        } else {
            run_suite(&c, p, NULL);
        }
        free(p);
        free(rel);
    }
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--preset") || !strcmp(a, "-p") ||
            !strcmp(a, "--scripts-dir") || !strcmp(a, "--min-coverage")) {
            i++;
            continue;
        }
        if ((rc = target(&c, a)) != EXIT_OK) fail_status(&c.t, rc);
    }
    fired = gl_cov_fired(&c.all);
    printf("%zu cases: %zu passed, %zu failed", c.t.passed + c.t.failed,
           c.t.passed, c.t.failed);
    if (c.t.todo) printf(", %zu added by hand not made yet", c.t.todo);
    if (c.all.n)
        printf("; %zu of %zu tag rules fired (%zu%%)", fired, c.all.n,
               fired * 100 / c.all.n);
    putchar('\n');
    rc = c.t.status;
    if (rc == EXIT_OK && min_cov >= 0 &&
        (c.all.n ? (long)(fired * 100 / c.all.n) : 0) < min_cov) {
        printf("coverage under %ld%%\n", min_cov);
        rc = EXIT_PROBLEMS;
    }
    if (rc == EXIT_OK && c.t.passed + c.t.failed == 0) {
        fprintf(stderr, "gloss: error: no fixture cases or reviewed files found\n");
        rc = EXIT_PROBLEMS;
    }
    gl_cov_fini(&c.all);
    free(presets);
    free(c.root);
    return rc;
}

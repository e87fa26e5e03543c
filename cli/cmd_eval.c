/* cmd_eval.c - `gloss eval GOLD PRED`: score annotation files (or folders
 * of them, paired by file name) against gold ones and print precision,
 * recall and F1 as a table or JSON, with the misses and false hits a
 * script author needs to see. CLI layer; the scoring is core/eval.c. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "commands.h"
#include "eval.h"
#include "exitcode.h"
#include "util.h"

struct opts {
    const char *gold, *pred;
    long misses; /* -1: none listed */
    int json;
    char *types_s, *kinds_s, *ignore_s;
};

static int usage(const char *msg, const char *arg)
{
    fprintf(stderr, "gloss: error: %s%s%s\n", msg, arg ? " " : "",
            arg ? arg : "");
    fputs("usage: gloss eval [options] GOLD PRED\n"
          "GOLD and PRED are gloss annotation files, or folders of them "
          "paired by file name.\n"
          "  --types T,...   score only these annotation types\n"
          "  --kinds K,...   keep only units of these kinds (person, "
          "organisation,\n"
          "                  location, misc, ...); other gold kinds become "
          "don't-care\n"
          "  --typed         a match needs the same kind too (adds a row "
          "per kind)\n"
          "  --ignore K=V,...  leave out annotations with one of these "
          "attributes\n"
          "                  (mention=pronoun: score names only)\n"
          "  --misses N      list up to N misses and N false hits per row\n"
          "  --json          machine-readable output\n", stderr);
    return EXIT_USAGE;
}

/* Split a comma list in place into an array of pointers into s. */
static const char **split(char *s, size_t *n)
{
    const char **v = NULL;
    size_t cap = 0;
    char *p = s;

    *n = 0;
    while (p && *p) {
        char *c = strchr(p, ',');
        if (c) *c = '\0';
        if (*p) {
            GL_GROW(v, cap, *n + 1);
            v[(*n)++] = p;
        }
        p = c ? c + 1 : NULL;
    }
    return v;
}

static int is_dir(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sorted *.yaml names in a folder. */
static char **yaml_names(const char *dir, size_t *n)
{
    char **v = NULL;
    size_t cap = 0;
    DIR *d = opendir(dir);
    struct dirent *e;

    *n = 0;
    if (!d) return NULL;
    while ((e = readdir(d))) {
        size_t len = strlen(e->d_name);
        if (e->d_name[0] == '.' || len < 6 ||
            strcmp(e->d_name + len - 5, ".yaml") != 0)
            continue;
        GL_GROW(v, cap, *n + 1);
        v[(*n)++] = xstrdup(e->d_name);
    }
    closedir(d);
    if (*n) qsort(v, *n, sizeof *v, cmp_str);
    return v;
}

static char *join(const char *dir, const char *name)
{
    char *p = xmalloc(strlen(dir) + strlen(name) + 2);
    sprintf(p, "%s/%s", dir, name);
    return p;
}

static int load(const char *path, struct gl_eval_file *f)
{
    struct gl_err err = {0};

    if (gl_eval_file_load(path, f, &err) == GL_OK) return 0;
    if (err.line)
        fprintf(stderr, "gloss: error: %s:%lu:%lu: %s\n", path, err.line,
                err.col, err.msg);
    else fprintf(stderr, "gloss: error: %s: %s\n", path, err.msg);
    return -1;
}

/* Score one pair; pred_path NULL or missing means nothing predicted. */
static int pair(struct gl_eval *ev, const char *gold_path,
                const char *pred_path)
{
    struct gl_eval_file g, p;
    struct gl_err err = {0};
    int have_p = 0, rc = EXIT_OK;

    if (load(gold_path, &g)) return EXIT_INPUT;
    if (pred_path) {
        if (access(pred_path, F_OK) != 0) {
            fprintf(stderr, "gloss: warning: no prediction %s: counted as "
                    "predicting nothing\n", pred_path);
        } else if (load(pred_path, &p)) {
            gl_eval_file_free(&g);
            return EXIT_INPUT;
        } else {
            have_p = 1;
        }
    }
    if (gl_eval_add(ev, &g, have_p ? &p : NULL, &err) != GL_OK) {
        fprintf(stderr, "gloss: error: %s\n", err.msg);
        rc = EXIT_INPUT;
    }
    gl_eval_file_free(&g);
    if (have_p) gl_eval_file_free(&p);
    return rc;
}

static int run_pairs(struct gl_eval *ev, const struct opts *o)
{
    int gd = is_dir(o->gold), pd = is_dir(o->pred), rc = EXIT_OK;
    char **gn, **pn;
    size_t ng, np, extra = 0;

    if (!gd) {
        char *pp;
        const char *base = strrchr(o->gold, '/');
        if (!pd) return pair(ev, o->gold, o->pred);
        pp = join(o->pred, base ? base + 1 : o->gold);
        rc = pair(ev, o->gold, pp);
        free(pp);
        return rc;
    }
    if (!pd) {
        fprintf(stderr, "gloss: error: %s is a folder, so %s must be one "
                "too\n", o->gold, o->pred);
        return EXIT_USAGE;
    }
    gn = yaml_names(o->gold, &ng);
    pn = yaml_names(o->pred, &np);
    if (!ng) fprintf(stderr, "gloss: warning: no .yaml files in %s\n",
                     o->gold);
    for (size_t i = 0; i < ng && rc == EXIT_OK; i++) {
        char *g = join(o->gold, gn[i]), *p = join(o->pred, gn[i]);
        rc = pair(ev, g, p);
        free(g);
        free(p);
    }
    for (size_t i = 0; i < np; i++) {
        if (!bsearch(&pn[i], gn, ng, sizeof *gn, cmp_str)) extra++;
        free(pn[i]);
    }
    if (extra)
        fprintf(stderr, "gloss: warning: %zu file(s) in %s have no gold "
                "file and were not scored\n", extra, o->pred);
    for (size_t i = 0; i < ng; i++) free(gn[i]);
    free(gn);
    free(pn);
    return rc;
}

/* ---- output ------------------------------------------------------------ */

static void fig(char *out, size_t size, double v, int json)
{
    if (v < 0) snprintf(out, size, json ? "null" : "-");
    else snprintf(out, size, json ? "%.4f" : "%.3f", v);
}

/* Text for one line of the misses list: newlines shown as spaces, cut at
 * about 100 bytes on a character boundary. */
static void shorten(const char *s, char *out, size_t size)
{
    size_t n = strlen(s), cut = n, i;

    if (cut > 100 && size > 104) {
        cut = 100;
        while (cut && ((unsigned char)s[cut] & 0xC0) == 0x80) cut--;
    }
    if (cut + 4 > size) cut = 0;
    for (i = 0; i < cut; i++)
        out[i] = (s[i] == '\n' || s[i] == '\r' || s[i] == '\t') ? ' ' : s[i];
    if (cut < n) memcpy(out + i, "...", 3), i += 3;
    out[i] = '\0';
}

/* A link role the gold never annotates (CoNLL has no links at all) would
 * only add rows of false hits: they are left out of the figures. */
static int hidden(const struct gl_eval_row *r)
{
    return r->kind == GL_EROW_LINK && r->exact.gold == 0;
}

static void print_table(const struct gl_eval *ev, const struct opts *o)
{
    static const char *const section[] = {"", "types", "kinds (typed)",
                                          "links", "end-to-end"};
    int last = 0;

    printf("gloss eval: %zu article(s); one-to-one matching; exact = same "
           "spans, lenient = overlap%s\n", ev->ndocs,
           ev->o.typed ? "; typed (same kind)" : "");
    printf("%-28s %7s %7s | %7s %6s %6s %6s | %7s %6s %6s %6s\n", "",
           "gold", "pred", "exact", "P", "R", "F1", "lenient", "P", "R",
           "F1");
    for (size_t i = 0; i < ev->nrows; i++) {
        const struct gl_eval_row *r = &ev->rows[i];
        char f[6][16];
        if (hidden(r)) continue;
        if ((int)r->kind != last) {
            printf("# %s\n", section[r->kind]);
            last = (int)r->kind;
        }
        fig(f[0], 16, gl_eval_precision(&r->exact), 0);
        fig(f[1], 16, gl_eval_recall(&r->exact), 0);
        fig(f[2], 16, gl_eval_f1(&r->exact), 0);
        fig(f[3], 16, gl_eval_precision(&r->lenient), 0);
        fig(f[4], 16, gl_eval_recall(&r->lenient), 0);
        fig(f[5], 16, gl_eval_f1(&r->lenient), 0);
        printf("%-28s %7zu %7zu | %7zu %6s %6s %6s | %7zu %6s %6s %6s\n",
               r->label, r->exact.gold, r->exact.pred, r->exact.tp, f[0],
               f[1], f[2], r->lenient.tp, f[3], f[4], f[5]);
    }
    for (size_t i = 0, n = 0; i < ev->nrows; i++)
        if (hidden(&ev->rows[i]))
            printf("%s%s", n++ ? ", " : "(links the gold never has, not "
                   "scored: ", ev->rows[i].label);
    for (size_t i = 0; i < ev->nrows; i++)
        if (hidden(&ev->rows[i])) {
            puts(")");
            break;
        }
    if (o->misses < 0) return;
    printf("\nmisses (in gold, not found) and false hits (predicted, not in "
           "gold), lenient; at most %ld of each per row:\n", o->misses);
    for (size_t i = 0; i < ev->nrows; i++)
        for (int fh = 0; fh < 2 && !hidden(&ev->rows[i]); fh++) {
            long shown = 0, total = 0;
            for (size_t k = 0; k < ev->nmiss; k++) {
                const struct gl_eval_miss *m = &ev->miss[k];
                char t[160];
                if (m->false_hit != fh || strcmp(m->label, ev->rows[i].label))
                    continue;
                if (total++ >= o->misses) continue;
                shown++;
                shorten(m->text, t, sizeof t);
                printf("%s %s %s:%lu:%lu \"%s\"%s%s\n", m->label,
                       fh ? "false-hit" : "miss", m->file, m->line, m->col, t,
                       m->note ? "  # " : "", m->note ? m->note : "");
            }
            if (total > shown)
                printf("%s %s ... and %ld more\n", ev->rows[i].label,
                       fh ? "false-hit" : "miss", total - shown);
        }
}

static void jstr(const char *s)
{
    putchar('"');
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\') printf("\\%c", c);
        else if (c == '\n') fputs("\\n", stdout);
        else if (c == '\r') fputs("\\r", stdout);
        else if (c == '\t') fputs("\\t", stdout);
        else if (c < 0x20) printf("\\u%04x", c);
        else putchar(c);
    }
    putchar('"');
}

static void jcount(const char *name, const struct gl_eval_count *c)
{
    char p[16], r[16], f[16];

    fig(p, sizeof p, gl_eval_precision(c), 1);
    fig(r, sizeof r, gl_eval_recall(c), 1);
    fig(f, sizeof f, gl_eval_f1(c), 1);
    printf("\"%s\": {\"tp\": %zu, \"precision\": %s, \"recall\": %s, "
           "\"f1\": %s}", name, c->tp, p, r, f);
}

static void print_json(const struct gl_eval *ev, const struct opts *o)
{
    static const char *const kind[] = {"", "type", "kind", "link", "e2e"};

    printf("{\"articles\": %zu, \"typed\": %s, \"rows\": [", ev->ndocs,
           ev->o.typed ? "true" : "false");
    for (size_t i = 0, n = 0; i < ev->nrows; i++) {
        const struct gl_eval_row *r = &ev->rows[i];
        if (hidden(r)) continue;
        printf("%s\n  {\"row\": ", n++ ? "," : "");
        jstr(r->label);
        printf(", \"kind\": \"%s\", \"gold\": %zu, \"pred\": %zu, ",
               kind[r->kind], r->exact.gold, r->exact.pred);
        jcount("exact", &r->exact);
        fputs(", ", stdout);
        jcount("lenient", &r->lenient);
        putchar('}');
    }
    fputs("\n]", stdout);
    if (o->misses >= 0) {
        int first = 1;
        fputs(", \"misses\": [", stdout);
        for (size_t i = 0; i < ev->nrows; i++)
            for (int fh = 0; fh < 2 && !hidden(&ev->rows[i]); fh++) {
                long total = 0;
                for (size_t k = 0; k < ev->nmiss; k++) {
                    const struct gl_eval_miss *m = &ev->miss[k];
                    if (m->false_hit != fh ||
                        strcmp(m->label, ev->rows[i].label) ||
                        total++ >= o->misses)
                        continue;
                    printf("%s\n  {\"row\": ", first ? "" : ",");
                    first = 0;
                    jstr(m->label);
                    printf(", \"what\": \"%s\", \"file\": ",
                           fh ? "false_hit" : "miss");
                    jstr(m->file);
                    printf(", \"line\": %lu, \"col\": %lu, \"text\": ",
                           m->line, m->col);
                    jstr(m->text);
                    if (m->note) {
                        fputs(", \"note\": ", stdout);
                        jstr(m->note);
                    }
                    putchar('}');
                }
            }
        fputs("\n]", stdout);
    }
    puts("}");
}

int gl_cmd_eval(int argc, char **argv)
{
    struct opts o;
    struct gl_eval_opts eo;
    struct gl_eval ev;
    const char *pos[2];
    int npos = 0, rc;

    memset(&o, 0, sizeof o);
    memset(&eo, 0, sizeof eo);
    o.misses = -1;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--json") == 0) {
            o.json = 1;
        } else if (strcmp(a, "--typed") == 0) {
            eo.typed = 1;
        } else if (strcmp(a, "--types") == 0 || strcmp(a, "--kinds") == 0 ||
                   strcmp(a, "--ignore") == 0 || strcmp(a, "--misses") == 0) {
            if (i + 1 >= argc) return usage("missing value after", a);
            if (a[2] == 't') o.types_s = argv[++i];
            else if (a[2] == 'k') o.kinds_s = argv[++i];
            else if (a[2] == 'i') o.ignore_s = argv[++i];
            else {
                char *end;
                errno = 0;
                o.misses = strtol(argv[++i], &end, 10);
                if (errno || *end || end == argv[i] || o.misses < 0)
                    return usage("--misses needs a count, not", argv[i]);
            }
        } else if (a[0] == '-' && a[1]) {
            return usage("unknown option", a);
        } else if (npos < 2) {
            pos[npos++] = a;
        } else {
            return usage("too many arguments:", a);
        }
    }
    if (npos != 2) return usage("need GOLD and PRED", NULL);
    o.gold = pos[0];
    o.pred = pos[1];
    if (o.types_s) eo.types = split(o.types_s, &eo.ntypes);
    if (o.kinds_s) eo.kinds = split(o.kinds_s, &eo.nkinds);
    if (o.ignore_s) eo.ignore = split(o.ignore_s, &eo.nignore);
    for (size_t k = 0; k < eo.nignore; k++) {
        const char *eq = strchr(eo.ignore[k], '=');
        if (!eq || eq == eo.ignore[k]) {
            rc = usage("--ignore takes KEY=VALUE attributes "
                       "(mention=pronoun), not", eo.ignore[k]);
            free(eo.types);
            free(eo.kinds);
            free(eo.ignore);
            return rc;
        }
    }
    for (size_t k = 0; k < eo.nkinds; k++) {
        char norm[32];
        gl_eval_norm_kind(eo.kinds[k], norm, sizeof norm);
        if (strcmp(norm, eo.kinds[k]) != 0) {
            rc = usage("--kinds takes normalised kinds (person, "
                       "organisation, location, misc, ...), not",
                       eo.kinds[k]);
            free(eo.types);
            free(eo.kinds);
            free(eo.ignore);
            return rc;
        }
    }
    gl_eval_init(&ev, &eo);
    rc = run_pairs(&ev, &o);
    if (rc == EXIT_OK) {
        if (o.json) print_json(&ev, &o);
        else print_table(&ev, &o);
        if (fflush(stdout) != 0 || ferror(stdout)) {
            fprintf(stderr, "gloss: error: cannot write the results\n");
            rc = EXIT_WRITE;
        }
    }
    gl_eval_fini(&ev);
    free(eo.types);
    free(eo.kinds);
    free(eo.ignore);
    return rc;
}

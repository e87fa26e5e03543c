/* coverage.c - tag call sites of a script and its modules, and which of
 * them fired. CLI layer. Reading the files (rather than asking Lua) finds
 * the rules that never ran at all, which is the point of the report. */
#define _XOPEN_SOURCE 700 /* realpath */
#include "coverage.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

static char *real(const char *path)
{
    char buf[PATH_MAX];
    return realpath(path, buf) ? xstrdup(buf) : NULL;
}

static char *join(const char *a, const char *b)
{
    struct gl_buf p = {0};
    gl_buf_printf(&p, "%s/%s", a, b);
    return p.p;
}

void gl_cov_init(struct gl_cov *cv, const char *root)
{
    memset(cv, 0, sizeof *cv);
    cv->root = real(root);
    if (!cv->root) cv->root = xstrdup(root);
}

void gl_cov_fini(struct gl_cov *cv)
{
    for (size_t i = 0; i < cv->nfiles; i++) free(cv->files[i]);
    for (size_t i = 0; i < cv->n; i++) {
        free(cv->site[i].file);
        free(cv->site[i].shown);
    }
    free(cv->files);
    free(cv->site);
    free(cv->root);
    free(cv->last_label);
    free(cv->last_real);
    memset(cv, 0, sizeof *cv);
}

/* Where a "--" comment starts on the line (or its end). Strings holding
 * "--" are rare enough in scripts to ignore. */
static size_t code_len(const char *line)
{
    const char *c = strstr(line, "--");
    return c ? (size_t)(c - line) : strlen(line);
}

/* The module name of a `require "x"` / `require("x")` at p, or 0. */
static size_t required(const char *p, char *name, size_t size)
{
    const char *q = p + 7, *e;
    char quote;

    while (*q == ' ' || *q == '\t') q++;
    if (*q == '(') q++;
    while (*q == ' ' || *q == '\t') q++;
    if (*q != '"' && *q != '\'') return 0;
    quote = *q++;
    e = strchr(q, quote);
    if (!e || e == q || (size_t)(e - q) + 4 >= size) return 0;
    memcpy(name, q, (size_t)(e - q));
    name[e - q] = '\0';
    for (char *c = name; *c; c++)
        if (*c == '.') *c = '/';
    strcat(name, ".lua");
    return 1;
}

static int is_file(const char *p)
{
    FILE *f = fopen(p, "r");
    if (f) fclose(f);
    return f != NULL;
}

static void scan_module(struct gl_cov *cv, const char *from, const char *rel)
{
    const char *slash = strrchr(from, '/');
    char *dir = slash ? xmemdup(from, (size_t)(slash - from)) : xstrdup(".");
    char *cand[3];

    cand[0] = join(dir, rel);
    {
        char *lib = join(dir, "lib");
        char *rlib = join(cv->root, "lib");
        cand[1] = join(lib, rel);
        cand[2] = join(rlib, rel);
        free(lib);
        free(rlib);
    }
    for (int i = 0; i < 3; i++)
        if (is_file(cand[i])) {
            gl_cov_scan(cv, cand[i]);
            break;
        }
    for (int i = 0; i < 3; i++) free(cand[i]);
    free(dir);
}

static char *shown_name(const struct gl_cov *cv, const char *rp,
                        const char *given)
{
    size_t n = strlen(cv->root);
    if (!strncmp(rp, cv->root, n) && rp[n] == '/') return xstrdup(rp + n + 1);
    return xstrdup(given);
}

void gl_cov_scan(struct gl_cov *cv, const char *script)
{
    char *rp = real(script);
    FILE *f;
    char line[4096], name[512];
    unsigned long no = 0;

    if (!rp) return;
    for (size_t i = 0; i < cv->nfiles; i++)
        if (!strcmp(cv->files[i], rp)) {
            free(rp);
            return;
        }
    GL_GROW(cv->files, cv->capfiles, cv->nfiles + 1);
    cv->files[cv->nfiles++] = rp;
    if (!(f = fopen(rp, "r"))) return;
    while (fgets(line, sizeof line, f)) {
        size_t code = code_len(line);
        const char *p;

        no++;
        line[code] = '\0';
        if ((p = strstr(line, ":tag(")) || (p = strstr(line, ":tag ("))) {
            struct gl_cov_site *s;
            GL_GROW(cv->site, cv->cap, cv->n + 1);
            s = &cv->site[cv->n++];
            s->file = xstrdup(rp);
            s->shown = shown_name(cv, rp, script);
            s->line = no;
            s->fired = 0;
        }
        for (p = line; (p = strstr(p, "require")); p += 7) {
            if (p > line && (p[-1] == '_' || p[-1] == '.' ||
                             ((p[-1] | 0x20) >= 'a' && (p[-1] | 0x20) <= 'z')))
                continue;
            if (required(p, name, sizeof name)) scan_module(cv, rp, name);
        }
    }
    fclose(f);
}

/* The file a rule label names: presets/ and lib/ labels are relative to
 * the scripts root (that is how gloss names bundled files), others are
 * paths as given. */
static char *label_file(const struct gl_cov *cv, const char *label)
{
    char *rp = NULL;

    if (!strncmp(label, "presets/", 8) || !strncmp(label, "lib/", 4)) {
        char *p = join(cv->root, label);
        rp = real(p);
        free(p);
    }
    return rp ? rp : real(label);
}

void gl_cov_fire(struct gl_cov *cv, const char *label, unsigned long line)
{
    if (!cv->last_label || strcmp(cv->last_label, label)) {
        free(cv->last_label);
        free(cv->last_real);
        cv->last_label = xstrdup(label);
        cv->last_real = label_file(cv, label);
    }
    if (!cv->last_real) return;
    for (size_t i = 0; i < cv->n; i++)
        if (cv->site[i].line == line && !strcmp(cv->site[i].file, cv->last_real))
            cv->site[i].fired = 1;
}

size_t gl_cov_fired(const struct gl_cov *cv)
{
    size_t k = 0;
    for (size_t i = 0; i < cv->n; i++) k += cv->site[i].fired;
    return k;
}

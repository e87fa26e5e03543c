/* inputs.c - enumerating articles from paths, folders and stdin. CLI
 * layer. */
#include "inputs.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util.h"

/* A folder being walked: its sorted entries and where we are. */
struct frame {
    char *dir;   /* path to open entries with */
    char *rel;   /* path relative to the argument, "" at the top */
    char **names;
    size_t n, i;
};

struct gl_inputs {
    char **args;
    size_t nargs, next_arg;
    char **exts;
    size_t nexts;
    struct frame *stack;
    size_t depth, cap;
    size_t errors;
};

static int cmp_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

struct gl_inputs *gl_inputs_new(char **args, size_t nargs, const char *exts)
{
    struct gl_inputs *in = xcalloc(1, sizeof *in);
    const char *p = exts && *exts ? exts : "txt";

    in->args = args;
    in->nargs = nargs;
    while (*p) {
        size_t n = strcspn(p, ",");
        if (n) {
            in->exts = xreallocarray(in->exts, in->nexts + 1, sizeof *in->exts);
            in->exts[in->nexts++] = xmemdup(p, n);
        }
        p += n;
        if (*p == ',') p++;
    }
    return in;
}

static void pop(struct gl_inputs *in)
{
    struct frame *f = &in->stack[--in->depth];
    size_t i;

    for (i = 0; i < f->n; i++) free(f->names[i]);
    free(f->names);
    free(f->dir);
    free(f->rel);
}

void gl_inputs_free(struct gl_inputs *in)
{
    size_t i;

    if (!in) return;
    while (in->depth) pop(in);
    free(in->stack);
    for (i = 0; i < in->nexts; i++) free(in->exts[i]);
    free(in->exts);
    free(in);
}

size_t gl_inputs_errors(const struct gl_inputs *in)
{
    return in->errors;
}

static int is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

int gl_inputs_many(char **args, size_t nargs)
{
    return nargs > 1 || (nargs == 1 && is_dir(args[0]));
}

static char *join(const char *a, const char *b)
{
    struct gl_buf p = {0};

    gl_buf_puts(&p, a);
    if (p.len && p.p[p.len - 1] != '/') gl_buf_putc(&p, '/');
    gl_buf_puts(&p, b);
    return p.p;
}

/* NAME.yaml for NAME.EXT (the last extension replaced). */
static char *yaml_name(const char *rel)
{
    const char *slash = strrchr(rel, '/');
    const char *dot = strrchr(slash ? slash + 1 : rel, '.');
    struct gl_buf b = {0};

    if (dot && dot != (slash ? slash + 1 : rel))
        gl_buf_add(&b, rel, (size_t)(dot - rel));
    else
        gl_buf_puts(&b, rel);
    gl_buf_puts(&b, ".yaml");
    return b.p;
}

static int wanted(const struct gl_inputs *in, const char *name)
{
    const char *dot = strrchr(name, '.');
    size_t i;

    if (!dot || name[0] == '.') return 0;
    for (i = 0; i < in->nexts; i++)
        if (strcmp(dot + 1, in->exts[i]) == 0) return 1;
    return 0;
}

static void push(struct gl_inputs *in, const char *dir, const char *rel)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    struct frame f;
    size_t cap = 0;

    if (!d) {
        fprintf(stderr, "gloss: error: %s: %s\n", dir, strerror(errno));
        in->errors++;
        return;
    }
    memset(&f, 0, sizeof f);
    f.dir = xstrdup(dir);
    f.rel = xstrdup(rel);
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.') continue; /* ., .., hidden files */
        GL_GROW(f.names, cap, f.n + 1);
        f.names[f.n++] = xstrdup(e->d_name);
    }
    closedir(d);
    if (f.n) qsort(f.names, f.n, sizeof *f.names, cmp_name);
    GL_GROW(in->stack, in->cap, in->depth + 1);
    in->stack[in->depth++] = f;
}

/* Read all of stdin. */
static char *slurp_stdin(size_t *len)
{
    struct gl_buf b = {0};
    char chunk[65536];
    ssize_t n;

    while ((n = read(0, chunk, sizeof chunk)) != 0) {
        if (n < 0) {
            if (errno == EINTR) continue;
            gl_buf_free(&b);
            return NULL;
        }
        gl_buf_add(&b, chunk, (size_t)n);
    }
    gl_buf_add(&b, "", 0);
    *len = b.len;
    return b.p;
}

int gl_inputs_next(void *ctx, struct gl_item *it)
{
    struct gl_inputs *in = ctx;

    memset(it, 0, sizeof *it);
    for (;;) {
        if (in->depth) {
            struct frame *f = &in->stack[in->depth - 1];
            char *path, *rel;
            struct stat st;

            if (f->i == f->n) {
                pop(in);
                continue;
            }
            path = join(f->dir, f->names[f->i]);
            rel = *f->rel ? join(f->rel, f->names[f->i]) : xstrdup(f->names[f->i]);
            f->i++;
            if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
                push(in, path, rel);
                free(path);
                free(rel);
                continue;
            }
            if (!wanted(in, rel)) {
                free(path);
                free(rel);
                continue;
            }
            it->name = xstrdup(path);
            it->path = path;
            it->out = yaml_name(rel);
            free(rel);
            return 1;
        }
        if (in->next_arg == in->nargs) return 0;
        {
            const char *a = in->args[in->next_arg++];
            const char *base = strrchr(a, '/');

            if (strcmp(a, "-") == 0) {
                it->text = slurp_stdin(&it->len);
                if (!it->text) {
                    fprintf(stderr, "gloss: error: -: cannot read standard "
                            "input: %s\n", strerror(errno));
                    in->errors++;
                    continue;
                }
                it->name = xstrdup("-");
                it->out = xstrdup("stdin.yaml");
                return 1;
            }
            if (is_dir(a)) {
                push(in, a, "");
                continue;
            }
            /* anything else is read by the worker, which reports a missing
             * or unreadable file like any other input error */
            it->name = xstrdup(a);
            it->path = xstrdup(a);
            it->out = yaml_name(base ? base + 1 : a);
            return 1;
        }
    }
}

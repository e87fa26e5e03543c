/* inputs.c - enumerating articles from paths, folders, JSON Lines corpora
 * and stdin. CLI layer. */
#include "inputs.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "exitcode.h"
#include "util.h"

/* A folder being walked: its sorted entries and where we are. */
struct frame {
    char *dir;   /* path to open entries with */
    char *rel;   /* path relative to the argument, "" at the top */
    char **names;
    size_t n, i;
};

/* A JSON Lines file being read, one record per line. */
struct jsonl {
    FILE *f;
    char *path;
    char *base;          /* output folder for its records: rel minus .jsonl */
    unsigned long line;
    char *buf;
    size_t cap;
};

struct gl_inputs {
    char **args;
    size_t nargs, next_arg;
    struct gl_input_opts opts;
    char **exts;
    size_t nexts;
    struct frame *stack;
    size_t depth, cap;
    struct jsonl jl;     /* jl.f set while a JSON Lines file is open */
    size_t errors;
    size_t consumed;     /* bytes of input read so far (for progress) */
    long long total;     /* bytes of all inputs, or -1 when unknown */
};

static int cmp_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

struct gl_inputs *gl_inputs_new(char **args, size_t nargs,
                                const struct gl_input_opts *opts)
{
    struct gl_inputs *in = xcalloc(1, sizeof *in);
    const char *p;

    in->args = args;
    in->nargs = nargs;
    in->opts = *opts;
    /* the total is known when every argument is a plain file */
    for (size_t i = 0; i < nargs && in->total >= 0; i++) {
        struct stat st;
        if (strcmp(args[i], "-") != 0 && stat(args[i], &st) == 0 &&
            S_ISREG(st.st_mode))
            in->total += st.st_size;
        else
            in->total = -1;
    }
    if (!in->opts.id_field) in->opts.id_field = "id";
    if (!in->opts.text_field) in->opts.text_field = "text";
    if (!in->opts.stdin_name) in->opts.stdin_name = "-";
    p = in->opts.exts && *in->opts.exts ? in->opts.exts : "txt";
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

static void jsonl_close(struct jsonl *jl)
{
    if (jl->f) fclose(jl->f);
    free(jl->path);
    free(jl->base);
    free(jl->buf);
    memset(jl, 0, sizeof *jl);
}

void gl_inputs_free(struct gl_inputs *in)
{
    size_t i;

    if (!in) return;
    while (in->depth) pop(in);
    jsonl_close(&in->jl);
    free(in->stack);
    for (i = 0; i < in->nexts; i++) free(in->exts[i]);
    free(in->exts);
    free(in);
}

size_t gl_inputs_errors(const struct gl_inputs *in)
{
    return in->errors;
}

long long gl_inputs_progress(const struct gl_inputs *in, size_t *consumed)
{
    *consumed = in->consumed;
    return in->total;
}

/* Bytes of a file, for progress. */
static size_t file_size(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 ? (size_t)st.st_size : 0;
}

static int is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static int ends_with(const char *s, const char *tail)
{
    size_t n = strlen(s), m = strlen(tail);
    return n >= m && strcmp(s + n - m, tail) == 0;
}

static int is_jsonl(const struct gl_inputs *in, const char *path)
{
    return in->opts.jsonl || ends_with(path, ".jsonl");
}

int gl_inputs_many(char **args, size_t nargs, const struct gl_input_opts *o)
{
    return nargs > 1 ||
           (nargs == 1 && (is_dir(args[0]) || o->jsonl ||
                           ends_with(args[0], ".jsonl")));
}

static char *join(const char *a, const char *b)
{
    struct gl_buf p = {0};

    gl_buf_puts(&p, a);
    if (p.len && p.p[p.len - 1] != '/') gl_buf_putc(&p, '/');
    gl_buf_puts(&p, b);
    return p.p;
}

/* rel without its last extension, plus `suffix`. */
static char *swap_ext(const char *rel, const char *suffix)
{
    const char *slash = strrchr(rel, '/');
    const char *dot = strrchr(slash ? slash + 1 : rel, '.');
    struct gl_buf b = {0};

    if (dot && dot != (slash ? slash + 1 : rel))
        gl_buf_add(&b, rel, (size_t)(dot - rel));
    else
        gl_buf_puts(&b, rel);
    gl_buf_puts(&b, suffix);
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

/* An input that failed before it could be annotated. */
static int error_item(struct gl_inputs *in, struct gl_item *it,
                      const char *name, int status, const char *fmt,
                      const char *a, const char *b)
{
    struct gl_buf m = {0};

    gl_buf_printf(&m, "gloss: error: %s: ", name);
    gl_buf_printf(&m, fmt, a, b);
    gl_buf_putc(&m, '\n');
    it->name = xstrdup(name);
    it->error = m.p;
    it->status = status;
    in->errors++;
    return 1;
}

/* Start walking folder `dir`; an error item when it cannot be read. */
static int push(struct gl_inputs *in, const char *dir, const char *rel,
                struct gl_item *it)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    struct frame f;
    size_t cap = 0;

    if (!d)
        return error_item(in, it, dir, EXIT_INPUT, "%s%s", strerror(errno), "");
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
    return 0;
}

/* Read all of stdin; NULL on a read error. */
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

static int jsonl_open(struct gl_inputs *in, const char *path, const char *rel,
                      struct gl_item *it)
{
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");

    if (!f)
        return error_item(in, it, path, EXIT_INPUT, "%s%s", strerror(errno), "");
    in->jl.f = f;
    in->jl.path = xstrdup(f == stdin ? in->opts.stdin_name : path);
    in->jl.base = swap_ext(rel, "");
    in->jl.line = 0;
    return 0;
}

/* The next record of the open JSON Lines file: 1 with an item (maybe an
 * error item), 0 at its end. Blank lines are skipped. */
static int jsonl_next(struct gl_inputs *in, struct gl_item *it)
{
    struct jsonl *jl = &in->jl;
    ssize_t n;

    for (;;) {
        n = getline(&jl->buf, &jl->cap, jl->f);
        if (n < 0) {
            int bad = ferror(jl->f);
            char *path = xstrdup(jl->path);

            if (jl->f == stdin) jl->f = NULL;
            jsonl_close(jl);
            if (bad) {
                error_item(in, it, path, EXIT_INPUT, "read error%s%s", "", "");
                free(path);
                return 1;
            }
            free(path);
            return 0;
        }
        jl->line++;
        in->consumed += (size_t)n;
        if (strspn(jl->buf, " \t\r\n") != (size_t)n) break;
    }
    /* the record goes to a worker undecoded (record.c): decoding here
     * would make this one process the limit of every -j */
    it->record = 1;
    it->name = xstrdup(jl->path);
    it->base = xstrdup(jl->base);
    it->line = jl->line;
    it->text = xmemdup(jl->buf, (size_t)n);
    it->len = (size_t)n;
    return 1;
}

int gl_inputs_next(void *ctx, struct gl_item *it)
{
    struct gl_inputs *in = ctx;

    memset(it, 0, sizeof *it);
    for (;;) {
        if (in->jl.f) {
            if (jsonl_next(in, it)) return 1;
            continue;
        }
        if (in->depth) {
            struct frame *f = &in->stack[in->depth - 1];
            char *path, *rel;
            struct stat st;
            int got = 0;

            if (f->i == f->n) {
                pop(in);
                continue;
            }
            path = join(f->dir, f->names[f->i]);
            rel = *f->rel ? join(f->rel, f->names[f->i]) : xstrdup(f->names[f->i]);
            f->i++;
            if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
                got = push(in, path, rel, it);
            } else if (wanted(in, rel)) {
                if (is_jsonl(in, rel)) {
                    got = jsonl_open(in, path, rel, it);
                } else {
                    it->name = xstrdup(path);
                    it->path = xstrdup(path);
                    it->out = swap_ext(rel, ".yaml");
                    in->consumed += file_size(path);
                    got = 1;
                }
            }
            free(path);
            free(rel);
            if (got) return 1;
            continue;
        }
        if (in->next_arg == in->nargs) return 0;
        {
            const char *a = in->args[in->next_arg++];
            const char *base = strrchr(a, '/');

            base = base ? base + 1 : a;
            if (is_dir(a)) {
                if (push(in, a, "", it)) return 1;
                continue;
            }
            if (is_jsonl(in, a)) {
                if (jsonl_open(in, a, strcmp(a, "-") ? base : "stdin", it))
                    return 1;
                continue;
            }
            if (strcmp(a, "-") == 0) {
                it->text = slurp_stdin(&it->len);
                if (!it->text)
                    return error_item(in, it, "-", EXIT_INPUT,
                                      "cannot read standard input: %s%s",
                                      strerror(errno), "");
                it->name = xstrdup(in->opts.stdin_name);
                it->out = xstrdup("stdin.yaml");
                in->consumed += it->len;
                return 1;
            }
            /* anything else is read by the worker, which reports a missing
             * or unreadable file like any other input error */
            it->name = xstrdup(a);
            it->path = xstrdup(a);
            it->out = swap_ext(base, ".yaml");
            in->consumed += file_size(a);
            return 1;
        }
    }
}

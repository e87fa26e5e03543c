/* cmd_run.c - `gloss run`: load each article, run the scripts, write YAML.
 * CLI layer. An article that fails (unreadable, invalid UTF-8, a script
 * error) produces no output at all, and the others still run. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "atomic.h"
#include "commands.h"
#include "doc.h"
#include "emit.h"
#include "engine.h"
#include "exitcode.h"
#include "store.h"
#include "util.h"

struct run_opts {
    const char **scripts; /* "preset:NAME" or "script:PATH", in order */
    size_t nscripts;
    const char *output;
    const char *scripts_dir;
    const char **articles;
    size_t narticles, articles_cap;
};

static int usage_error(const char *msg, const char *arg)
{
    fprintf(stderr, "gloss: error: %s%s%s\n", msg, arg ? " " : "",
            arg ? arg : "");
    fputs("Try 'gloss --help'.\n", stderr);
    return EXIT_USAGE;
}

/* Returns -1 when parsed, else an exit status. */
static int parse(int argc, char **argv, struct run_opts *o)
{
    int i, only_files = 0;

    for (i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char **slot = NULL;

        if (only_files || a[0] != '-' || strcmp(a, "-") == 0) {
            GL_GROW(o->articles, o->articles_cap, o->narticles + 1);
            o->articles[o->narticles++] = a;
            continue;
        }
        if (strcmp(a, "--") == 0) {
            only_files = 1;
            continue;
        }
        if (strcmp(a, "-p") == 0 || strcmp(a, "--preset") == 0 ||
            strcmp(a, "-s") == 0 || strcmp(a, "--script") == 0) {
            int preset = a[1] == 'p' || a[2] == 'p';
            char *v;

            if (i + 1 >= argc) return usage_error("missing value after", a);
            v = xmalloc(strlen(argv[i + 1]) + 8);
            sprintf(v, "%s:%s", preset ? "preset" : "script", argv[++i]);
            o->scripts = xreallocarray(o->scripts, o->nscripts + 1,
                                       sizeof *o->scripts);
            o->scripts[o->nscripts++] = v;
            continue;
        }
        if (strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0)
            slot = &o->output;
        else if (strcmp(a, "--scripts-dir") == 0)
            slot = &o->scripts_dir;
        if (!slot) return usage_error("unknown option", a);
        if (i + 1 >= argc) return usage_error("missing value after", a);
        *slot = argv[++i];
    }
    if (!o->nscripts)
        return usage_error("nothing to run: give --preset NAME or --script "
                           "FILE", NULL);
    if (!o->narticles) return usage_error("no article given", NULL);
    return -1;
}

static int is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* OUT/NAME.yaml for article path a (its last component, extension
 * replaced; "-" becomes "stdin"). */
static char *output_path(const char *dir, const char *a)
{
    const char *base = strrchr(a, '/');
    const char *dot;
    struct gl_buf b = {0};

    base = base ? base + 1 : a;
    if (strcmp(a, "-") == 0) base = "stdin";
    dot = strrchr(base, '.');
    gl_buf_puts(&b, dir);
    if (b.len && b.p[b.len - 1] != '/') gl_buf_putc(&b, '/');
    gl_buf_add(&b, base, dot && dot != base ? (size_t)(dot - base) : strlen(base));
    gl_buf_puts(&b, ".yaml");
    return b.p;
}

static int buf_write(void *ctx, const char *p, size_t n)
{
    gl_buf_add(ctx, p, n);
    return 0;
}

static void report_load_error(const char *path, const struct gl_err *err)
{
    if (err->line)
        fprintf(stderr, "gloss: error: %s:%lu:%lu: %s (byte offset %zu)\n",
                path, err->line, err->col, err->msg, err->offset);
    else
        fprintf(stderr, "gloss: error: %s\n", err->msg);
}

/* Annotate one article into `out` (a whole YAML document). */
static int annotate(struct gl_engine *eng, const struct gl_run_info *run,
                    const char *path, int stream, struct gl_buf *out)
{
    struct gl_err err = {0};
    struct gl_doc *doc = gl_doc_load(path, &err);
    struct gl_store st;
    int rc;

    if (!doc) {
        report_load_error(path, &err);
        return EXIT_INPUT;
    }
    gl_store_init(&st);
    rc = gl_engine_run(eng, doc, &st, &err);
    if (rc != GL_OK) {
        fprintf(stderr, "gloss: error: %s: %s\n", path, gl_engine_message(eng));
        rc = EXIT_SCRIPT;
        goto done;
    }
    rc = gl_emit_yaml(doc, &st, run, stream, buf_write, out, &err);
    if (rc != GL_OK) {
        fprintf(stderr, "gloss: error: %s: cannot write annotations: %s\n",
                path, err.msg);
        rc = rc == GL_EVALUE ? EXIT_SCRIPT : EXIT_INTERNAL;
        goto done;
    }
    rc = EXIT_OK;
done:
    gl_store_fini(&st);
    gl_doc_free(doc);
    return rc;
}

int gl_cmd_run(int argc, char **argv)
{
    struct run_opts o = {0};
    struct gl_engine *eng = NULL;
    struct gl_run_info run;
    char *root;
    size_t i;
    int rc, status = EXIT_OK, to_dir;

    rc = parse(argc, argv, &o);
    if (rc >= 0) goto out;
    to_dir = o.output && (is_dir(o.output) || o.output[strlen(o.output) - 1] == '/');
    if (o.output && o.narticles > 1 && !to_dir) {
        rc = usage_error("with several articles, -o must name a folder:",
                         o.output);
        goto out;
    }
    if (to_dir && !is_dir(o.output)) {
        rc = usage_error("no such folder:", o.output);
        goto out;
    }

    root = o.scripts_dir ? xstrdup(o.scripts_dir) : gl_engine_default_root();
    eng = gl_engine_new(root);
    free(root);
    for (i = 0; i < o.nscripts; i++) {
        struct gl_err err = {0};
        const char *spec = o.scripts[i];

        rc = strncmp(spec, "preset:", 7) == 0
                 ? gl_engine_add_preset(eng, spec + 7, &err)
                 : gl_engine_add_script(eng, spec + 7, &err);
        if (rc != GL_OK) {
            fprintf(stderr, "gloss: error: %s\n", gl_engine_message(eng));
            rc = EXIT_USAGE;
            goto out;
        }
    }
    run.gloss_version = GLOSS_VERSION;
    run.nscripts = gl_engine_nscripts(eng);
    run.scripts = xcalloc(run.nscripts, sizeof *run.scripts);
    for (i = 0; i < run.nscripts; i++) run.scripts[i] = gl_engine_label(eng, i);

    for (i = 0; i < o.narticles; i++) {
        struct gl_buf yaml = {0};
        int st = annotate(eng, &run, o.articles[i], !o.output && o.narticles > 1,
                          &yaml);

        if (st == EXIT_OK) {
            if (o.output) {
                char why[512];
                char *dest = to_dir ? output_path(o.output, o.articles[i])
                                    : xstrdup(o.output);

                if (gl_write_atomic(dest, yaml.p, yaml.len, why, sizeof why)) {
                    fprintf(stderr, "gloss: error: cannot write %s\n", why);
                    st = EXIT_WRITE;
                }
                free(dest);
            } else if (fwrite(yaml.p, 1, yaml.len, stdout) != yaml.len) {
                st = EXIT_WRITE;
            }
        }
        gl_buf_free(&yaml);
        if (st != EXIT_OK && status == EXIT_OK) status = st;
    }
    free(run.scripts);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "gloss: error: write error on standard output: %s\n",
                strerror(errno));
        if (status == EXIT_OK) status = EXIT_WRITE;
    }
    rc = status;
out:
    gl_engine_free(eng);
    for (i = 0; i < o.nscripts; i++) free((void *)o.scripts[i]);
    free(o.scripts);
    free(o.articles);
    return rc;
}

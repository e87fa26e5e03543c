/* cmd_repl.c - `gloss repl ARTICLE`: an interactive Lua prompt with the
 * article loaded as `doc`, after the given scripts ran over it, in the
 * scripts' sandbox and under their budgets per input. CLI layer.
 *
 * No readline: lines come from stdin as they are, so input can be piped
 * (tests do). Prompts are shown only when stdin is a terminal. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "commands.h"
#include "doc.h"
#include "engine.h"
#include "exitcode.h"
#include "util.h"

static int usage_error(const char *msg, const char *arg)
{
    fprintf(stderr, "gloss: error: %s%s%s\n", msg, arg ? " " : "",
            arg ? arg : "");
    fputs("usage: gloss repl ARTICLE [--preset NAME | --script FILE]... "
          "[--scripts-dir DIR] [--timeout SECS] [--max-memory MB]\n", stderr);
    return EXIT_USAGE;
}

/* A positive number of SECS or MB; -1 when it is not one. */
static double number(const char *v)
{
    char *end;
    double d = strtod(v, &end);

    return end == v || *end || !(d >= 0) || d > 1e12 ? -1 : d;
}

struct opts {
    const char *article, *scripts_dir;
    const char **specs;       /* "p" or "s" + name, in order */
    size_t n;
    struct gl_limits lim;
};

static int parse(int argc, char **argv, struct opts *o)
{
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        double d;

        if (a[0] != '-' || strcmp(a, "-") == 0) {
            if (o->article) return usage_error("one article only:", a);
            o->article = a;
            continue;
        }
        if (!v) return usage_error("unknown option or missing value:", a);
        i++;
        if (!strcmp(a, "-p") || !strcmp(a, "--preset") || !strcmp(a, "-s") ||
            !strcmp(a, "--script")) {
            char *spec = xmalloc(strlen(v) + 2);
            spec[0] = a[1] == 'p' || a[2] == 'p' ? 'p' : 's';
            strcpy(spec + 1, v);
            o->specs = xreallocarray(o->specs, o->n + 1, sizeof *o->specs);
            o->specs[o->n++] = spec;
        } else if (!strcmp(a, "--scripts-dir")) {
            o->scripts_dir = v;
        } else if (!strcmp(a, "--timeout")) {
            if ((d = number(v)) < 0) return usage_error("bad number for", a);
            o->lim.timeout_ms = (unsigned long)(d * 1000 + 0.5);
        } else if (!strcmp(a, "--max-memory")) {
            if ((d = number(v)) < 0) return usage_error("bad number for", a);
            o->lim.max_memory = (size_t)(d * 1024 * 1024);
        } else {
            return usage_error("unknown option", a);
        }
    }
    if (!o->article) return usage_error("no article given", NULL);
    return -1;
}

/* Read inputs until EOF, joining lines while a chunk is incomplete. */
static void loop(struct gl_engine *eng, int tty)
{
    struct gl_buf chunk = {0}, out = {0};
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;

    for (;;) {
        struct gl_err err = {0};
        int rc;

        if (tty) {
            fputs(chunk.len ? ">> " : "> ", stdout);
            fflush(stdout);
        }
        if ((n = getline(&line, &cap, stdin)) < 0) break;
        if (n && line[n - 1] == '\n') n--;
        if (chunk.len) gl_buf_putc(&chunk, '\n');
        gl_buf_add(&chunk, line, (size_t)n);
        rc = gl_engine_repl_eval(eng, chunk.p, chunk.len, &out, &err);
        if (rc == GL_REPL_MORE) continue;
        chunk.len = 0;
        if (rc != GL_OK)
            fprintf(stderr, "%s\n", err.msg);
        else if (out.len)
            printf("%.*s\n", (int)out.len, out.p);
        fflush(stdout);
    }
    if (chunk.len) /* EOF inside an unfinished chunk */
        fputs("repl: unexpected end of input (unfinished chunk)\n", stderr);
    if (tty) fputc('\n', stdout);
    free(line);
    gl_buf_free(&chunk);
    gl_buf_free(&out);
}

int gl_cmd_repl(int argc, char **argv)
{
    struct opts o;
    struct gl_engine *eng = NULL;
    struct gl_doc *doc = NULL;
    struct gl_store st;
    struct gl_err err = {0};
    char *root;
    int rc = EXIT_OK;

    memset(&o, 0, sizeof o);
    o.lim.timeout_ms = GL_DEFAULT_TIMEOUT_MS;
    o.lim.max_memory = GL_DEFAULT_MAX_MEMORY;
    o.lim.max_annotations = GL_DEFAULT_MAX_ANNOTATIONS;
    if ((rc = parse(argc, argv, &o)) >= 0) goto out;
    rc = EXIT_OK;
    root = o.scripts_dir ? xstrdup(o.scripts_dir) : gl_engine_default_root();
    eng = gl_engine_new(root);
    free(root);
    for (size_t i = 0; i < o.n; i++) {
        int r = o.specs[i][0] == 'p'
                    ? gl_engine_add_preset(eng, o.specs[i] + 1, &err)
                    : gl_engine_add_script(eng, o.specs[i] + 1, &err);
        if (r != GL_OK) {
            fprintf(stderr, "gloss: error: %s\n", gl_engine_message(eng));
            rc = EXIT_USAGE;
            goto out;
        }
    }
    gl_engine_set_limits(eng, &o.lim);
    doc = strcmp(o.article, "-") == 0
              ? NULL /* stdin holds the input lines, not the article */
              : gl_doc_load(o.article, &err);
    if (!doc) {
        fprintf(stderr, "gloss: error: %s\n",
                strcmp(o.article, "-") == 0
                    ? "repl reads its input from stdin: give the article "
                      "as a file" : err.msg);
        rc = strcmp(o.article, "-") == 0 ? EXIT_USAGE : EXIT_INPUT;
        goto out;
    }
    gl_store_init(&st);
    /* a failing script still leaves the prompt, to look into why */
    if (gl_engine_repl_begin(eng, doc, &st, &err) != GL_OK)
        fprintf(stderr, "gloss: error: %s: %s\n", o.article,
                gl_engine_message(eng));
    loop(eng, isatty(STDIN_FILENO));
    gl_engine_repl_end(eng);
    gl_store_fini(&st);
    gl_doc_free(doc);
out:
    gl_engine_free(eng);
    for (size_t i = 0; i < o.n; i++) free((char *)o.specs[i]);
    free(o.specs);
    return rc;
}

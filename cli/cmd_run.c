/* cmd_run.c - `gloss run`: the scripts over every article, YAML out.
 * CLI layer. Articles stream from inputs.c through worker processes
 * (pool.c) and come back in input order; this file parses the options and
 * delivers each result: an atomically written file, or a document on
 * stdout. An article that fails produces no output at all, and the others
 * still run. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "atomic.h"
#include "budget.h"
#include "commands.h"
#include "engine.h"
#include "exitcode.h"
#include "inputs.h"
#include "pool.h"
#include "reviewed.h"
#include "util.h"

struct run_opts {
    const char **scripts; /* "preset:NAME" or "script:PATH", in order */
    size_t nscripts;
    const char *output;
    const char *scripts_dir;
    struct gl_input_opts in;
    char **articles;
    size_t narticles, articles_cap;
    int jobs;
    struct gl_limits lim;
    int explain; /* --explain: why: blocks and near_misses: in the YAML */
    int profile; /* --profile: where the scripts spend time, on stderr */
};

/* What the results are delivered to, and the run's tally. */
struct sink {
    const char *dir;   /* -o DIR, or NULL */
    const char *file;  /* -o FILE, or NULL */
    int status;        /* of the first article that failed */
    size_t done, failed;
    size_t by_status[128];
    int progress;      /* stderr is a terminal */
    uint64_t t0, shown;
    struct gl_inputs *in;
};

static int usage_error(const char *msg, const char *arg)
{
    fprintf(stderr, "gloss: error: %s%s%s\n", msg, arg ? " " : "",
            arg ? arg : "");
    fputs("Try 'gloss --help'.\n", stderr);
    return EXIT_USAGE;
}

/* A positive number option; returns 0 or prints the usage error. */
static int number(const char *opt, const char *v, double min, double *out)
{
    char *end;
    double d;

    errno = 0;
    d = strtod(v, &end);
    if (errno || end == v || *end || !(d >= min) || d > 1e12) {
        usage_error("bad number for", opt);
        return -1;
    }
    *out = d;
    return 0;
}

/* Returns -1 when parsed, else an exit status. */
static int parse(int argc, char **argv, struct run_opts *o)
{
    int i, only_files = 0;
    double d;

    for (i = 1; i < argc; i++) {
        const char *a = argv[i], *v, *attached, *eq;
        char name[32];

        if (only_files || a[0] != '-' || strcmp(a, "-") == 0) {
            GL_GROW(o->articles, o->articles_cap, o->narticles + 1);
            o->articles[o->narticles++] = argv[i];
            continue;
        }
        if (strcmp(a, "--") == 0) {
            only_files = 1;
            continue;
        }
        if (strcmp(a, "--jsonl") == 0) {
            o->in.jsonl = 1;
            continue;
        }
        if (strcmp(a, "--explain") == 0) {
            o->explain = 1;
            continue;
        }
        if (strcmp(a, "--profile") == 0) {
            o->profile = 1;
            continue;
        }
        if (strcmp(a, "--merge") == 0 || strcmp(a, "--force") == 0) {
            enum gl_existing want = a[2] == 'm' ? GL_EXISTING_MERGE
                                                : GL_EXISTING_FORCE;
            if (gl_existing_get() != GL_EXISTING_REFUSE &&
                gl_existing_get() != want)
                return usage_error("give --merge or --force, not both", NULL);
            gl_existing_set(want);
            continue;
        }
        /* "--jobs=2" and "-j2" as well as "--jobs 2": the attached value */
        attached = NULL;
        if (a[1] == '-' && (eq = strchr(a, '=')) != NULL &&
            (size_t)(eq - a) < sizeof name) {
            memcpy(name, a, (size_t)(eq - a));
            name[eq - a] = '\0';
            attached = eq + 1;
            a = name;
        } else if (a[1] != '-' && a[2] != '\0' && strchr("psoj", a[1])) {
            name[0] = '-';
            name[1] = a[1];
            name[2] = '\0';
            attached = a + 2;
            a = name;
        }
        if (!attached && i + 1 >= argc) {
            if (strcmp(a, "-p") && strcmp(a, "--preset") && strcmp(a, "-s") &&
                strcmp(a, "--script") && strcmp(a, "-o") && strcmp(a, "--output") &&
                strcmp(a, "--scripts-dir") && strcmp(a, "-j") &&
                strcmp(a, "--jobs") && strcmp(a, "--timeout") &&
                strcmp(a, "--max-memory") && strcmp(a, "--max-annotations") &&
                strcmp(a, "--ext") && strcmp(a, "--id-field") &&
                strcmp(a, "--text-field") && strcmp(a, "--stdin-name"))
                return usage_error("unknown option", a);
            return usage_error("missing value after", a);
        }
        v = attached ? attached : argv[i + 1];
        if (strcmp(a, "-p") == 0 || strcmp(a, "--preset") == 0 ||
            strcmp(a, "-s") == 0 || strcmp(a, "--script") == 0) {
            int preset = a[1] == 'p' || a[2] == 'p';
            char *spec = xmalloc(strlen(v) + 8);

            sprintf(spec, "%s:%s", preset ? "preset" : "script", v);
            o->scripts = xreallocarray(o->scripts, o->nscripts + 1,
                                       sizeof *o->scripts);
            o->scripts[o->nscripts++] = spec;
        } else if (strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0) {
            o->output = v;
        } else if (strcmp(a, "--scripts-dir") == 0) {
            o->scripts_dir = v;
        } else if (strcmp(a, "--ext") == 0) {
            o->in.exts = v;
        } else if (strcmp(a, "--id-field") == 0) {
            o->in.id_field = v;
        } else if (strcmp(a, "--text-field") == 0) {
            o->in.text_field = v;
        } else if (strcmp(a, "--stdin-name") == 0) {
            o->in.stdin_name = v;
        } else if (strcmp(a, "-j") == 0 || strcmp(a, "--jobs") == 0) {
            if (number(a, v, 1, &d)) return EXIT_USAGE;
            o->jobs = d > 256 ? 256 : (int)d;
        } else if (strcmp(a, "--timeout") == 0) {
            if (number(a, v, 0, &d)) return EXIT_USAGE;
            o->lim.timeout_ms = (unsigned long)(d * 1000 + 0.5);
        } else if (strcmp(a, "--max-memory") == 0) {
            if (number(a, v, 0, &d)) return EXIT_USAGE;
            o->lim.max_memory = (size_t)(d * 1024 * 1024);
        } else if (strcmp(a, "--max-annotations") == 0) {
            if (number(a, v, 0, &d)) return EXIT_USAGE;
            o->lim.max_annotations = (size_t)d;
        } else {
            return usage_error("unknown option", argv[i]);
        }
        if (!attached) i++;
    }
    if (!o->nscripts)
        return usage_error("nothing to run: give --preset NAME or --script "
                           "FILE", NULL);
    if (!o->narticles) return usage_error("no article given", NULL);
    if (gl_existing_get() != GL_EXISTING_REFUSE && !o->output)
        return usage_error("--merge and --force are about files: give -o",
                           NULL);
    return -1;
}

static int is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* mkdir -p for the folders leading to path; the last folder made is
 * remembered, as consecutive articles mostly share theirs. */
static int make_parents(char *path)
{
    static struct gl_buf last;
    char *p, *slash = strrchr(path, '/');
    size_t n = slash ? (size_t)(slash - path) : 0;

    if (!n || (last.len == n && memcmp(last.p, path, n) == 0)) return 0;
    for (p = strchr(path + 1, '/'); p; p = strchr(p + 1, '/')) {
        *p = '\0';
        if (mkdir(path, 0777) != 0 && errno != EEXIST) {
            *p = '/';
            return -1;
        }
        *p = '/';
    }
    last.len = 0;
    gl_buf_add(&last, path, n);
    return 0;
}

/* The progress line: articles, MB, rate and, when the inputs' total size
 * is known, the time left. Only on a terminal. */
static void progress(struct sink *k, int final)
{
    double secs = (double)(gl_now_ns() - k->t0) / 1e9;
    size_t read = 0;
    long long total = k->in ? gl_inputs_progress(k->in, &read) : -1;
    double mb = (double)read / 1e6, rate = secs > 0 ? mb / secs : 0.0;

    if (!k->progress) return;
    fprintf(stderr, "\r%zu articles, %.1f MB, %.1f MB/s, %zu failed", k->done,
            mb, rate, k->failed);
    if (total > 0 && rate > 0 && !final) {
        double left = ((double)total / 1e6 - mb) / rate;
        if (left < 0) left = 0;
        fprintf(stderr, ", ETA %d:%02d", (int)left / 60, (int)left % 60);
    }
    fputs(final ? "\n" : "   ", stderr);
}

static int deliver(void *ctx, const struct gl_item *it, int status,
                   const char *yaml, size_t ylen, const char *msg,
                   const char *out)
{
    struct sink *k = ctx;

    k->done++;
    if (status == EXIT_OK) {
        if (k->dir || k->file) {
            char why[512] = "";
            char *dest = k->file ? xstrdup(k->file) : NULL;

            if (!dest) {
                struct gl_buf b = {0};
                gl_buf_puts(&b, k->dir);
                if (b.p[b.len - 1] != '/') gl_buf_putc(&b, '/');
                gl_buf_puts(&b, it->out ? it->out : out ? out : "article.yaml");
                dest = b.p;
            }
            if (make_parents(dest) != 0) {
                snprintf(why, sizeof why, "%s: %s", dest, strerror(errno));
                fprintf(stderr, "gloss: error: cannot write %s\n", why);
                status = EXIT_WRITE;
            } else {
                /* an existing file may hold a person's review */
                status = gl_write_output(dest, it->path, it->name, it->text,
                                         it->len, yaml, ylen);
            }
            free(dest);
        } else if (fwrite(yaml, 1, ylen, stdout) != ylen) {
            status = EXIT_WRITE;
        }
    } else {
        if (k->progress) fputc('\r', stderr);
        fputs(msg, stderr);
    }
    if (status != EXIT_OK) {
        k->failed++;
        if (k->status == EXIT_OK) k->status = status;
        if (status >= 0 && status < 128) k->by_status[status]++;
    }
    if (k->progress && gl_now_ns() - k->shown > 200000000u) { /* 5 a second */
        progress(k, 0);
        k->shown = gl_now_ns();
    }
    return 0;
}

static void summary(const struct sink *k)
{
    static const struct { int code; const char *what; } kinds[] = {
        {EXIT_INPUT, "unreadable or invalid"}, {EXIT_SCRIPT, "script errors"},
        {EXIT_LIMIT, "over a limit"}, {EXIT_WRITE, "not written"},
        {EXIT_INTERNAL, "crashed"},
    };
    size_t i;
    const char *sep = " (";

    fprintf(stderr, "gloss: %zu articles: %zu annotated, %zu failed",
            k->done, k->done - k->failed, k->failed);
    for (i = 0; i < sizeof kinds / sizeof *kinds; i++)
        if (k->by_status[kinds[i].code]) {
            fprintf(stderr, "%s%zu %s", sep, k->by_status[kinds[i].code],
                    kinds[i].what);
            sep = ", ";
        }
    fputs(*sep == ',' ? ")\n" : "\n", stderr);
}

int gl_cmd_run(int argc, char **argv)
{
    struct run_opts o;
    struct gl_engine *eng = NULL;
    struct gl_inputs *in = NULL;
    struct gl_run_info run = {0};
    struct gl_pool_opts po;
    struct gl_record_fields fields;
    struct sink k;
    char *root;
    size_t i;
    int rc, many;
    long ncpu = sysconf(_SC_NPROCESSORS_ONLN);

    memset(&o, 0, sizeof o);
    memset(&k, 0, sizeof k);
    o.jobs = ncpu > 0 ? (int)ncpu : 1;
    o.lim.timeout_ms = GL_DEFAULT_TIMEOUT_MS;
    o.lim.max_memory = GL_DEFAULT_MAX_MEMORY;
    o.lim.max_annotations = GL_DEFAULT_MAX_ANNOTATIONS;
    rc = parse(argc, argv, &o);
    if (rc >= 0) goto out;
    many = gl_inputs_many(o.articles, o.narticles, &o.in);
    if (o.output && (is_dir(o.output) || o.output[strlen(o.output) - 1] == '/')) {
        if (!is_dir(o.output)) {
            rc = usage_error("no such folder:", o.output);
            goto out;
        }
        k.dir = o.output;
    } else if (o.output) {
        if (many) {
            rc = usage_error("with several articles, -o must name a folder:",
                             o.output);
            goto out;
        }
        k.file = o.output;
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
    gl_engine_set_limits(eng, &o.lim);
    gl_engine_set_explain(eng, o.explain);
    gl_engine_set_profile(eng, o.profile);
    run.gloss_version = GLOSS_VERSION;
    run.nscripts = gl_engine_nscripts(eng);
    run.scripts = xcalloc(run.nscripts ? run.nscripts : 1, sizeof *run.scripts);
    for (i = 0; i < run.nscripts; i++) run.scripts[i] = gl_engine_label(eng, i);

    po.jobs = o.profile ? 1 : o.jobs; /* one worker: one report */
    po.profile = o.profile;
    po.timeout_ms = o.lim.timeout_ms;
    po.grace_ms = 1000; /* the Lua hook stops scripts itself; this is the backstop */
    po.stream = !o.output && many;
    fields.id_field = o.in.id_field ? o.in.id_field : "id";
    fields.text_field = o.in.text_field ? o.in.text_field : "text";
    po.fields = &fields;
    k.progress = isatty(2);
    k.t0 = gl_now_ns();
    in = gl_inputs_new(o.articles, o.narticles, &o.in);
    k.in = in;
    if (gl_pool_run(eng, &run, &po, gl_inputs_next, in, deliver, &k) != 0) {
        rc = EXIT_INTERNAL;
        goto out;
    }
    progress(&k, 1);
    if (k.dir || k.file) gl_sync_all(); /* new files were not synced one by one */
    if (k.done == 0) {
        fprintf(stderr, "gloss: error: no articles found (folders are searched "
                "for files ending in .%s; see --ext)\n",
                o.in.exts ? o.in.exts : "txt");
        k.status = EXIT_INPUT;
    }
    if (many) summary(&k);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "gloss: error: write error on standard output: %s\n",
                strerror(errno));
        if (k.status == EXIT_OK) k.status = EXIT_WRITE;
    }
    rc = k.status;
out:
    gl_inputs_free(in);
    free(run.scripts);
    gl_engine_free(eng);
    for (i = 0; i < o.nscripts; i++) free((void *)o.scripts[i]);
    free(o.scripts);
    free(o.articles);
    return rc;
}

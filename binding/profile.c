/* profile.c - gloss run --profile: where scripts spend their CPU time,
 * by source line. Binding layer.
 *
 * Sampling by time, not by instruction count: an ITIMER_PROF signal every
 * millisecond of CPU arms a one-instruction count hook (lua_sethook may be
 * called from a signal handler), and that hook records the line running.
 * Time inside a C function (doc:tag, a regex search) thus lands on the
 * Lua line that called it. The thread's usual hook (deadline.c) is put
 * back after each sample.
 * One engine per process: the handler reaches it through a static. */
#include "engine_int.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>

#define SAMPLE_US 1000

struct site {
    char *where; /* "lib/news_claims.lua:74" */
    char *func;  /* its function's name, "" when unknown */
    unsigned long n;
};

struct gl_profile {
    struct site *v;   /* open addressing on `where` */
    size_t cap, used;
    unsigned long total;    /* samples taken in scripts */
    volatile sig_atomic_t outside; /* ticks between scripts: engine work */
    int timer_on;
};

/* The engine whose scripts are running, else NULL; the timer runs from
 * the first article on, so short articles are sampled too. */
static struct gl_engine *volatile armed;
static struct gl_engine *volatile profiled;

static size_t hash(const char *s)
{
    size_t h = 2166136261u;
    while (*s) h = (h ^ (unsigned char)*s++) * 16777619u;
    return h;
}

static struct site *slot(struct gl_profile *p, const char *where)
{
    size_t i;

    if (2 * (p->used + 1) > p->cap) { /* grow and rehash */
        struct gl_profile q = {0};
        q.cap = p->cap ? 2 * p->cap : 256;
        q.v = xcalloc(q.cap, sizeof *q.v);
        for (i = 0; i < p->cap; i++) {
            size_t k;
            if (!p->v[i].where) continue;
            for (k = hash(p->v[i].where) & (q.cap - 1); q.v[k].where;
                 k = (k + 1) & (q.cap - 1))
                ;
            q.v[k] = p->v[i];
        }
        free(p->v);
        p->v = q.v;
        p->cap = q.cap;
    }
    for (i = hash(where) & (p->cap - 1); p->v[i].where; i = (i + 1) & (p->cap - 1))
        if (strcmp(p->v[i].where, where) == 0) return &p->v[i];
    p->used++;
    p->v[i].where = xstrdup(where);
    return &p->v[i];
}

/* The one-instruction hook a sample arms: record the running line (of
 * the innermost Lua function), then hand over to the budget hook. */
static void sample_hook(lua_State *L, lua_Debug *ar)
{
    struct gl_engine *eng;
    lua_Debug d;
    char where[300];

    (void)ar;
    lua_getallocf(L, (void **)&eng);
    lgl_restore_hook(eng, L);
    for (int level = 0; lua_getstack(L, level, &d); level++) {
        lua_getinfo(L, "Sln", &d);
        if (d.currentline >= 0) {
            struct site *s;
            snprintf(where, sizeof where, "%s:%d", d.short_src, d.currentline);
            s = slot(eng->prof, where);
            if (!s->func) s->func = xstrdup(d.name ? d.name : "");
            s->n++;
            eng->prof->total++;
            break;
        }
    }
    lgl_time_hook(L, ar); /* a sample must not hide a deadline */
}

static void on_sigprof(int sig)
{
    struct gl_engine *eng = armed;

    (void)sig;
    if (eng) lua_sethook(eng->L, sample_hook, LUA_MASKCOUNT, 1);
    else if (profiled) profiled->prof->outside++;
}

void gl_engine_set_profile(struct gl_engine *eng, int on)
{
    struct sigaction sa;

    if (!on || eng->prof) return;
    eng->prof = xcalloc(1, sizeof *eng->prof);
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_sigprof;
    sa.sa_flags = SA_RESTART; /* a lexicon file read must not see EINTR */
    sigemptyset(&sa.sa_mask);
    sigaction(SIGPROF, &sa, NULL);
}

/* Around the scripts of one article: samples count for scripts only
 * while they run. */
void lgl_profile_arm(struct gl_engine *eng, int on)
{
    if (!eng->prof) return;
    if (on && !eng->prof->timer_on) {
        struct itimerval t;
        memset(&t, 0, sizeof t);
        t.it_interval.tv_usec = t.it_value.tv_usec = SAMPLE_US;
        profiled = eng;
        setitimer(ITIMER_PROF, &t, NULL);
        eng->prof->timer_on = 1;
    }
    armed = on ? eng : NULL;
}

static void stop_timer(struct gl_engine *eng)
{
    struct itimerval t;

    memset(&t, 0, sizeof t);
    setitimer(ITIMER_PROF, &t, NULL);
    eng->prof->timer_on = 0;
    armed = profiled = NULL;
}

static int by_count(const void *a, const void *b)
{
    const struct site *x = a, *y = b;
    if (x->n != y->n) return x->n < y->n ? 1 : -1;
    return strcmp(x->where, y->where);
}

void gl_engine_profile_report(struct gl_engine *eng, FILE *out, size_t top)
{
    struct gl_profile *p = eng->prof;
    struct site *v;
    size_t n = 0;

    if (!p) return;
    if (p->timer_on) stop_timer(eng);
    v = xcalloc(p->used ? p->used : 1, sizeof *v);
    for (size_t i = 0; i < p->cap; i++)
        if (p->v[i].where) v[n++] = p->v[i];
    qsort(v, n, sizeof *v, by_count);
    fprintf(out, "gloss: profile: %lu samples of CPU time in scripts (and "
            "%lu in the engine between them: reading, YAML); the lines that "
            "took most:\n", p->total, (unsigned long)p->outside);
    for (size_t i = 0; i < n && i < top; i++)
        fprintf(out, "  %5.1f%%  %6lu  %s%s%s%s\n",
                100.0 * (double)v[i].n / (double)(p->total ? p->total : 1),
                v[i].n, v[i].where, *v[i].func ? " (" : "", v[i].func,
                *v[i].func ? ")" : "");
    free(v);
}

void lgl_profile_free(struct gl_engine *eng)
{
    struct gl_profile *p = eng->prof;

    if (!p) return;
    if (p->timer_on) stop_timer(eng);
    for (size_t i = 0; i < p->cap; i++) {
        free(p->v[i].where);
        free(p->v[i].func);
    }
    free(p->v);
    free(p);
    eng->prof = NULL;
}

/* eval.c - scoring predicted annotation files against gold ones: units,
 * one-to-one matching, rows and misses (definitions in eval.h). Core
 * layer. Reading the files is in evalfile.c. */
#include "eval.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "span.h"
#include "util.h"

/* ---- units ------------------------------------------------------------ */

struct unit {
    size_t head;          /* annotation index */
    const char *type;
    char kind[32];        /* normalised; "" when the head has none */
    struct gl_span *sp;   /* pieces, sorted */
    size_t np;
    int keep;             /* selected and not filtered out by kind */
    int ignore;           /* gold only: a "don't care" region */
    size_t *src;          /* units its `source` links reach */
    size_t nsrc;
};

struct side {
    const struct gl_eval_file *f;
    struct unit *u;
    size_t nu;
    long *unit_of;        /* annotation -> unit, -1 when rejected */
};

static int span_cmp(const void *a, const void *b)
{
    const struct gl_span *x = a, *y = b;
    if (x->start != y->start) return x->start < y->start ? -1 : 1;
    return x->end < y->end ? -1 : x->end > y->end;
}

static const struct gl_eval_link *find_link(const struct gl_eval_ann *a,
                                            const char *role)
{
    for (size_t i = 0; i < a->nlinks; i++)
        if (strcmp(a->links[i].role, role) == 0) return &a->links[i];
    return NULL;
}

static int selected(const struct gl_eval_opts *o, const char *type)
{
    if (!o->ntypes) return 1;
    for (size_t i = 0; i < o->ntypes; i++)
        if (strcmp(o->types[i], type) == 0) return 1;
    return 0;
}

static int kind_listed(const struct gl_eval_opts *o, const char *kind)
{
    for (size_t i = 0; i < o->nkinds; i++)
        if (strcmp(o->kinds[i], kind) == 0) return 1;
    return 0;
}

/* Has the annotation one of the --ignore "key=value" attrs? Only whole
 * strings compare: a value holding NUL or '=' simply never matches. */
static int ignored(const struct gl_eval_opts *o, const struct gl_eval_ann *a)
{
    for (size_t i = 0; i < o->nignore; i++)
        for (size_t k = 0; k < a->nattrs; k++)
            if (strcmp(o->ignore[i], a->attrs[k]) == 0) return 1;
    return 0;
}

static void build_units(struct side *s, const struct gl_eval_file *f,
                        const struct gl_eval_opts *o)
{
    size_t i, cap = 0;

    memset(s, 0, sizeof *s);
    s->f = f;
    if (!f) return;
    s->unit_of = xreallocarray(NULL, f->n ? f->n : 1, sizeof *s->unit_of);
    for (i = 0; i < f->n; i++) s->unit_of[i] = -1;
    /* heads first, in file order, so unit order is article order */
    for (i = 0; i < f->n; i++) {
        const struct gl_eval_ann *a = &f->ann[i];
        const struct gl_eval_link *p = find_link(a, "part");
        struct unit *u;
        if (a->rejected || (p && !f->ann[p->target].rejected &&
                            p->target != i))
            continue;
        GL_GROW(s->u, cap, s->nu + 1);
        u = &s->u[s->nu];
        memset(u, 0, sizeof *u);
        u->head = i;
        u->type = a->type;
        if (a->kind) gl_eval_norm_kind(a->kind, u->kind, sizeof u->kind);
        s->unit_of[i] = (long)s->nu++;
    }
    /* then parts: follow `part` links to a head (chains allowed) */
    for (i = 0; i < f->n; i++) {
        size_t at = i, steps = 0;
        if (f->ann[i].rejected) continue;
        while (s->unit_of[at] < 0 && steps++ < f->n) {
            const struct gl_eval_link *p = find_link(&f->ann[at], "part");
            if (!p) break;
            at = p->target;
        }
        if (s->unit_of[at] >= 0) s->unit_of[i] = s->unit_of[at];
    }
    for (i = 0; i < f->n; i++) {
        struct unit *u;
        if (s->unit_of[i] < 0) continue;
        u = &s->u[s->unit_of[i]];
        u->sp = xreallocarray(u->sp, u->np + 1, sizeof *u->sp);
        u->sp[u->np++] = gl_span_make(f->ann[i].start, f->ann[i].end);
    }
    for (i = 0; i < f->n; i++) {
        struct unit *u;
        if (s->unit_of[i] < 0) continue;
        u = &s->u[s->unit_of[i]];
        for (size_t k = 0; k < f->ann[i].nlinks; k++) {
            long t = s->unit_of[f->ann[i].links[k].target];
            if (t < 0 || strcmp(f->ann[i].links[k].role, "source") != 0)
                continue;
            u->src = xreallocarray(u->src, u->nsrc + 1, sizeof *u->src);
            u->src[u->nsrc++] = (size_t)t;
        }
    }
    for (i = 0; i < s->nu; i++) {
        struct unit *u = &s->u[i];
        qsort(u->sp, u->np, sizeof *u->sp, span_cmp);
        u->keep = selected(o, u->type);
        if (u->keep && ((o->nkinds && u->kind[0] && !kind_listed(o, u->kind))
                        || ignored(o, &f->ann[u->head]))) {
            u->keep = 0;
            u->ignore = 1;
        }
    }
}

static void free_side(struct side *s)
{
    for (size_t i = 0; i < s->nu; i++) {
        free(s->u[i].sp);
        free(s->u[i].src);
    }
    free(s->u);
    free(s->unit_of);
}

static int same_spans(const struct unit *a, const struct unit *b)
{
    if (a->np != b->np) return 0;
    for (size_t i = 0; i < a->np; i++)
        if (a->sp[i].start != b->sp[i].start || a->sp[i].end != b->sp[i].end)
            return 0;
    return 1;
}

/* Bytes shared by the pieces (1 for overlapping empty spans), 0 if none. */
static long overlap(const struct unit *a, const struct unit *b)
{
    long total = 0;
    int any = 0;

    for (size_t i = 0; i < a->np; i++)
        for (size_t j = 0; j < b->np; j++)
            if (gl_span_overlaps(a->sp[i], b->sp[j])) {
                uint32_t s = a->sp[i].start > b->sp[j].start ? a->sp[i].start
                                                             : b->sp[j].start;
                uint32_t e = a->sp[i].end < b->sp[j].end ? a->sp[i].end
                                                         : b->sp[j].end;
                total += e > s ? (long)(e - s) : 0;
                any = 1;
            }
    return any ? total + 1 : 0;
}

/* How well gold unit g and predicted unit p match: 0 = not at all, else a
 * score (bigger is better) so the matching prefers the closest pairs. */
static long unit_match(const struct unit *g, const struct unit *p,
                       int lenient, int typed)
{
    if (strcmp(g->type, p->type) != 0) return 0;
    if (typed && strcmp(g->kind, p->kind) != 0) return 0;
    if (!lenient) return same_spans(g, p) ? 1 : 0;
    return overlap(g, p);
}

/* ---- one-to-one matching ----------------------------------------------- */

struct edge {
    size_t p;
    long score;
};

struct bip {
    struct edge **adj; /* per gold item, best first */
    size_t *nadj;
    long *mg, *mp;     /* partner or -1 */
    char *seen;
    size_t ng, np;
};

static int edge_cmp(const void *a, const void *b)
{
    const struct edge *x = a, *y = b;
    if (x->score != y->score) return x->score > y->score ? -1 : 1;
    return x->p < y->p ? -1 : x->p > y->p;
}

static int augment(struct bip *b, size_t g)
{
    for (size_t k = 0; k < b->nadj[g]; k++) {
        size_t p = b->adj[g][k].p;
        if (b->seen[p]) continue;
        b->seen[p] = 1;
        if (b->mp[p] < 0 || augment(b, (size_t)b->mp[p])) {
            b->mg[g] = (long)p;
            b->mp[p] = (long)g;
            return 1;
        }
    }
    return 0;
}

typedef long (*score_fn)(void *ctx, size_t g, size_t p);

/* Maximum matching (augmenting paths, gold in order, closest pairs
 * tried first: deterministic). Fills b->mg/mp; returns the pairs made. */
static size_t bmatch(struct bip *b, size_t ng, size_t np, score_fn fn,
                     void *ctx)
{
    size_t n = 0;

    b->ng = ng, b->np = np;
    b->adj = xcalloc(ng ? ng : 1, sizeof *b->adj);
    b->nadj = xcalloc(ng ? ng : 1, sizeof *b->nadj);
    b->mg = xreallocarray(NULL, ng ? ng : 1, sizeof *b->mg);
    b->mp = xreallocarray(NULL, np ? np : 1, sizeof *b->mp);
    b->seen = xmalloc(np ? np : 1);
    for (size_t g = 0; g < ng; g++) {
        size_t cap = 0;
        b->mg[g] = -1;
        for (size_t p = 0; p < np; p++) {
            long sc = fn(ctx, g, p);
            if (!sc) continue;
            GL_GROW(b->adj[g], cap, b->nadj[g] + 1);
            b->adj[g][b->nadj[g]].p = p;
            b->adj[g][b->nadj[g]++].score = sc;
        }
        if (b->nadj[g]) qsort(b->adj[g], b->nadj[g], sizeof **b->adj, edge_cmp);
    }
    for (size_t p = 0; p < np; p++) b->mp[p] = -1;
    for (size_t g = 0; g < ng; g++) {
        memset(b->seen, 0, np ? np : 1);
        n += (size_t)augment(b, g);
    }
    return n;
}

static void bfree(struct bip *b)
{
    for (size_t g = 0; g < b->ng; g++) free(b->adj[g]);
    free(b->adj);
    free(b->nadj);
    free(b->mg);
    free(b->mp);
    free(b->seen);
}

/* ---- rows and misses ---------------------------------------------------- */

static int row_cmp(enum gl_eval_rowkind k, const char *label,
                   const struct gl_eval_row *r)
{
    if (k != r->kind) return k < r->kind ? -1 : 1;
    return strcmp(label, r->label);
}

/* Add to the row (kind, label), creating it in sorted place. */
static void bump(struct gl_eval *ev, enum gl_eval_rowkind k,
                 const char *label, size_t gold, size_t pred, size_t tp_exact,
                 size_t tp_lenient)
{
    size_t lo = 0, hi = ev->nrows;
    struct gl_eval_row *r;

    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = row_cmp(k, label, &ev->rows[mid]);
        if (c == 0) {
            lo = mid;
            goto found;
        }
        if (c < 0) hi = mid;
        else lo = mid + 1;
    }
    GL_GROW(ev->rows, ev->caprows, ev->nrows + 1);
    memmove(&ev->rows[lo + 1], &ev->rows[lo],
            (ev->nrows - lo) * sizeof *ev->rows);
    memset(&ev->rows[lo], 0, sizeof *ev->rows);
    ev->rows[lo].kind = k;
    ev->rows[lo].label = xstrdup(label);
    ev->nrows++;
found:
    r = &ev->rows[lo];
    r->exact.gold += gold;
    r->lenient.gold += gold;
    r->exact.pred += pred;
    r->lenient.pred += pred;
    r->exact.tp += tp_exact;
    r->lenient.tp += tp_lenient;
}

/* The unit's text, pieces in order joined by " ... ", and where its first
 * piece is in the article. */
static void unit_text(const struct side *s, size_t u, struct gl_buf *b,
                      unsigned long *line, unsigned long *col)
{
    const struct unit *un = &s->u[u];

    *line = *col = 0;
    for (size_t k = 0; k < un->np; k++)
        for (size_t i = 0; i < s->f->n; i++) {
            const struct gl_eval_ann *a = &s->f->ann[i];
            if (s->unit_of[i] != (long)u || a->start != un->sp[k].start ||
                a->end != un->sp[k].end)
                continue;
            if (k) gl_buf_puts(b, " ... ");
            else *line = a->line, *col = a->col;
            gl_buf_puts(b, a->text);
            break;
        }
    gl_buf_add(b, "", 0);
}

static void add_miss(struct gl_eval *ev, const char *label, int false_hit,
                     const struct side *s, size_t u, long to,
                     const char *note)
{
    struct gl_eval_miss *m;
    struct gl_buf b = {0};
    unsigned long l2, c2;

    GL_GROW(ev->miss, ev->capmiss, ev->nmiss + 1);
    m = &ev->miss[ev->nmiss++];
    m->label = xstrdup(label);
    m->false_hit = false_hit;
    m->file = xstrdup(s->f->article);
    unit_text(s, u, &b, &m->line, &m->col);
    if (to >= 0) {
        gl_buf_puts(&b, " -> ");
        unit_text(s, (size_t)to, &b, &l2, &c2);
    }
    m->text = b.p;
    m->note = note ? xstrdup(note) : NULL;
}

/* ---- scoring ------------------------------------------------------------ */

struct ctx {
    const struct side *g, *p;
    const size_t *gi, *pi; /* the units (or links) being matched */
    const size_t *gto, *pto;
    int lenient, typed;
};

static long type_score(void *c_, size_t g, size_t p)
{
    const struct ctx *c = c_;
    return unit_match(&c->g->u[c->gi[g]], &c->p->u[c->pi[p]], c->lenient,
                      c->typed);
}

static void score_type(struct gl_eval *ev, const struct side *G,
                       const struct side *P, const char *type)
{
    size_t *gi = xmalloc((G->nu + 1) * sizeof *gi);
    size_t *pi = xmalloc((P->nu + 1) * sizeof *pi);
    size_t ng = 0, np = 0, tpe, tpl;
    struct ctx c = {G, P, gi, pi, NULL, NULL, 0, ev->o.typed};
    struct bip be, bl;

    for (size_t i = 0; i < G->nu; i++)
        if (G->u[i].keep && strcmp(G->u[i].type, type) == 0) gi[ng++] = i;
    for (size_t i = 0; i < P->nu; i++)
        if (P->u[i].keep && strcmp(P->u[i].type, type) == 0) pi[np++] = i;
    tpe = bmatch(&be, ng, np, type_score, &c);
    c.lenient = 1;
    tpl = bmatch(&bl, ng, np, type_score, &c);
    bump(ev, GL_EROW_TYPE, type, ng, np, tpe, tpl);
    for (size_t g = 0; g < ng; g++) {
        if (bl.mg[g] < 0) add_miss(ev, type, 0, G, gi[g], -1, NULL);
    }
    for (size_t p = 0; p < np; p++)
        if (bl.mp[p] < 0) add_miss(ev, type, 1, P, pi[p], -1, NULL);
    if (ev->o.typed) {
        char label[128];
        for (size_t g = 0; g < ng; g++) {
            const char *k = G->u[gi[g]].kind;
            snprintf(label, sizeof label, "%s/%s", type, *k ? k : "-");
            bump(ev, GL_EROW_KIND, label, 1, 0, be.mg[g] >= 0,
                 bl.mg[g] >= 0);
        }
        for (size_t p = 0; p < np; p++) {
            const char *k = P->u[pi[p]].kind;
            snprintf(label, sizeof label, "%s/%s", type, *k ? k : "-");
            bump(ev, GL_EROW_KIND, label, 0, 1, 0, 0);
        }
    }
    bfree(&be);
    bfree(&bl);
    free(gi);
    free(pi);
}

/* Links: parallel arrays of (from unit, to unit) with their label. */
struct links {
    size_t *from, *to;
    char **label;
    size_t n, cap;
};

static void collect_links(const struct side *s, struct links *l)
{
    memset(l, 0, sizeof *l);
    for (size_t i = 0; s->f && i < s->f->n; i++) {
        const struct gl_eval_ann *a = &s->f->ann[i];
        long u = s->unit_of[i];
        if (u < 0 || !s->u[u].keep) continue;
        for (size_t k = 0; k < a->nlinks; k++) {
            long t = s->unit_of[a->links[k].target];
            char label[256];
            size_t j;
            if (t < 0 || strcmp(a->links[k].role, "part") == 0) continue;
            snprintf(label, sizeof label, "%s.%s", s->u[u].type,
                     a->links[k].role);
            for (j = 0; j < l->n; j++)
                if (l->from[j] == (size_t)u && l->to[j] == (size_t)t &&
                    strcmp(l->label[j], label) == 0)
                    break;
            if (j < l->n) continue;
            if (l->n == l->cap) {
                l->cap = l->cap ? 2 * l->cap : 8;
                l->from = xreallocarray(l->from, l->cap, sizeof *l->from);
                l->to = xreallocarray(l->to, l->cap, sizeof *l->to);
                l->label = xreallocarray(l->label, l->cap, sizeof *l->label);
            }
            l->from[l->n] = (size_t)u;
            l->to[l->n] = (size_t)t;
            l->label[l->n++] = xstrdup(label);
        }
    }
}

static void free_links(struct links *l)
{
    for (size_t i = 0; i < l->n; i++) free(l->label[i]);
    free(l->from);
    free(l->to);
    free(l->label);
}

static long link_score(void *c_, size_t g, size_t p)
{
    const struct ctx *c = c_;
    long a = unit_match(&c->g->u[c->gi[g]], &c->p->u[c->pi[p]], c->lenient,
                        c->typed);
    long b = a ? unit_match(&c->g->u[c->gto[g]], &c->p->u[c->pto[p]],
                            c->lenient, c->typed) : 0;
    return a && b ? a + b : 0;
}

static int str_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void score_links(struct gl_eval *ev, const struct side *G,
                        const struct side *P)
{
    struct links gl, pl;
    char **labels;
    size_t nl = 0;

    collect_links(G, &gl);
    collect_links(P, &pl);
    labels = xmalloc((gl.n + pl.n + 1) * sizeof *labels);
    for (size_t i = 0; i < gl.n; i++) labels[nl++] = gl.label[i];
    for (size_t i = 0; i < pl.n; i++) labels[nl++] = pl.label[i];
    if (nl) qsort(labels, nl, sizeof *labels, str_cmp);
    for (size_t li = 0; li < nl; li++) {
        size_t n = gl.n + pl.n + 1, ng = 0, np = 0, tpe, tpl;
        size_t *gi, *gto, *pi, *pto;
        struct ctx c;
        struct bip be, bl;

        if (li && strcmp(labels[li], labels[li - 1]) == 0) continue;
        gi = xmalloc(n * sizeof *gi), gto = xmalloc(n * sizeof *gto);
        pi = xmalloc(n * sizeof *pi), pto = xmalloc(n * sizeof *pto);
        for (size_t i = 0; i < gl.n; i++)
            if (strcmp(gl.label[i], labels[li]) == 0)
                gi[ng] = gl.from[i], gto[ng++] = gl.to[i];
        for (size_t i = 0; i < pl.n; i++)
            if (strcmp(pl.label[i], labels[li]) == 0)
                pi[np] = pl.from[i], pto[np++] = pl.to[i];
        c.g = G, c.p = P, c.gi = gi, c.pi = pi, c.gto = gto, c.pto = pto;
        c.lenient = 0, c.typed = ev->o.typed;
        tpe = bmatch(&be, ng, np, link_score, &c);
        c.lenient = 1;
        tpl = bmatch(&bl, ng, np, link_score, &c);
        bump(ev, GL_EROW_LINK, labels[li], ng, np, tpe, tpl);
        for (size_t g = 0; g < ng; g++)
            if (bl.mg[g] < 0)
                add_miss(ev, labels[li], 0, G, gi[g], (long)gto[g], NULL);
        for (size_t p = 0; p < np; p++)
            if (bl.mp[p] < 0)
                add_miss(ev, labels[li], 1, P, pi[p], (long)pto[p], NULL);
        bfree(&be);
        bfree(&bl);
        free(gi), free(gto), free(pi), free(pto);
    }
    free(labels);
    free_links(&gl);
    free_links(&pl);
}

static long e2e_score(void *c_, size_t g, size_t p)
{
    const struct ctx *c = c_;
    const struct unit *gu = &c->g->u[c->gi[g]], *pu = &c->p->u[c->pi[p]];
    long sc = unit_match(gu, pu, c->lenient, 0);

    if (!sc || !gu->nsrc) return sc;
    for (size_t i = 0; i < pu->nsrc; i++)
        for (size_t j = 0; j < gu->nsrc; j++) {
            const struct unit *ps = &c->p->u[pu->src[i]];
            const struct unit *gs = &c->g->u[gu->src[j]];
            /* a source is a span whatever type the script gave it */
            if (c->lenient ? overlap(gs, ps) != 0 : same_spans(gs, ps))
                return sc;
        }
    return 0;
}

static void score_e2e(struct gl_eval *ev, const struct side *G,
                      const struct side *P)
{
    size_t *gi = xmalloc((G->nu + 1) * sizeof *gi);
    size_t *pi = xmalloc((P->nu + 1) * sizeof *pi);
    size_t ng = 0, np = 0, tpe, tpl;
    struct ctx c = {G, P, gi, pi, NULL, NULL, 0, 0};
    struct bip be, bl;

    for (size_t i = 0; i < G->nu; i++)
        if (G->u[i].keep && strcmp(G->u[i].type, "claim") == 0) gi[ng++] = i;
    for (size_t i = 0; i < P->nu; i++)
        if (P->u[i].keep && strcmp(P->u[i].type, "claim") == 0) pi[np++] = i;
    if (ng || np) {
        tpe = bmatch(&be, ng, np, e2e_score, &c);
        c.lenient = 1;
        tpl = bmatch(&bl, ng, np, e2e_score, &c);
        bump(ev, GL_EROW_E2E, "attribution", ng, np, tpe, tpl);
        for (size_t g = 0; g < ng; g++) {
            size_t p;
            if (bl.mg[g] >= 0) continue;
            for (p = 0; p < np; p++)
                if (overlap(&G->u[gi[g]], &P->u[pi[p]])) break;
            add_miss(ev, "attribution", 0, G, gi[g], -1,
                     p < np ? "content found, but no predicted source "
                              "overlaps the gold source"
                            : "content not found");
        }
        for (size_t p = 0; p < np; p++) {
            size_t g;
            if (bl.mp[p] >= 0) continue;
            for (g = 0; g < ng; g++)
                if (overlap(&G->u[gi[g]], &P->u[pi[p]])) break;
            add_miss(ev, "attribution", 1, P, pi[p], -1,
                     g == ng ? "no gold claim here"
                     : P->u[pi[p]].nsrc ? "overlaps a gold claim; its source "
                                          "is not the gold source"
                     : "overlaps a gold claim; no source linked");
        }
        bfree(&be);
        bfree(&bl);
    }
    free(gi);
    free(pi);
}

/* A prediction that only overlaps "don't care" gold (say a MISC entity
 * when scoring PER/ORG/LOC) is neither right nor wrong: drop it. */
static void silence(const struct side *G, struct side *P)
{
    for (size_t p = 0; p < P->nu; p++) {
        int in_ignored = 0, in_kept = 0;
        if (!P->u[p].keep) continue;
        for (size_t g = 0; g < G->nu; g++) {
            if (strcmp(G->u[g].type, P->u[p].type) != 0 ||
                !overlap(&G->u[g], &P->u[p]))
                continue;
            if (G->u[g].ignore) in_ignored = 1;
            if (G->u[g].keep) in_kept = 1;
        }
        if (in_ignored && !in_kept) P->u[p].keep = 0;
    }
}

void gl_eval_init(struct gl_eval *ev, const struct gl_eval_opts *o)
{
    memset(ev, 0, sizeof *ev);
    if (o) ev->o = *o;
}

void gl_eval_fini(struct gl_eval *ev)
{
    for (size_t i = 0; i < ev->nrows; i++) free(ev->rows[i].label);
    free(ev->rows);
    for (size_t i = 0; i < ev->nmiss; i++) {
        free(ev->miss[i].label);
        free(ev->miss[i].file);
        free(ev->miss[i].text);
        free(ev->miss[i].note);
    }
    free(ev->miss);
    memset(ev, 0, sizeof *ev);
}

int gl_eval_add(struct gl_eval *ev, const struct gl_eval_file *gold,
                const struct gl_eval_file *pred, struct gl_err *err)
{
    struct side G, P;
    const char **types;
    size_t nt = 0;

    if (pred && gold->sha256[0] && pred->sha256[0] &&
        strcmp(gold->sha256, pred->sha256) != 0)
        return gl_err_set(err, GL_ESCHEMA, 0, "%s and %s annotate different "
                          "articles (sha256 %.12s... and %.12s...)",
                          gold->path, pred->path, gold->sha256, pred->sha256);
    build_units(&G, gold, &ev->o);
    build_units(&P, pred, &ev->o);
    silence(&G, &P);
    types = xmalloc((G.nu + P.nu + 1) * sizeof *types);
    for (size_t i = 0; i < G.nu; i++)
        if (G.u[i].keep) types[nt++] = G.u[i].type;
    for (size_t i = 0; i < P.nu; i++)
        if (P.u[i].keep) types[nt++] = P.u[i].type;
    if (nt) qsort(types, nt, sizeof *types, str_cmp);
    for (size_t i = 0; i < nt; i++)
        if (!i || strcmp(types[i], types[i - 1]) != 0)
            score_type(ev, &G, &P, types[i]);
    free(types);
    score_links(ev, &G, &P);
    if (selected(&ev->o, "claim")) score_e2e(ev, &G, &P);
    ev->ndocs++;
    free_side(&G);
    free_side(&P);
    return GL_OK;
}

/* test_eval.c - unit tests of scoring (core/eval.c, core/evalfile.c):
 * small gold and predicted files built by hand, with precision, recall and
 * F1 worked out on paper in the comments. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "eval.h"
#include "util.h"

static void add(struct gl_eval_file *f, const char *type, uint32_t s,
                uint32_t e, const char *kind)
{
    struct gl_eval_ann *a;

    f->ann = xreallocarray(f->ann, f->n + 1, sizeof *f->ann);
    a = &f->ann[f->n++];
    memset(a, 0, sizeof *a);
    a->type = xstrdup(type);
    a->start = s;
    a->end = e;
    a->text = xmalloc(32);
    snprintf(a->text, 32, "%s@%u", type, (unsigned)s);
    a->line = 1;
    a->col = s + 1;
    a->kind = kind ? xstrdup(kind) : NULL;
}

static void link(struct gl_eval_file *f, size_t from, const char *role,
                 size_t to)
{
    struct gl_eval_ann *a = &f->ann[from];

    a->links = xreallocarray(a->links, a->nlinks + 1, sizeof *a->links);
    a->links[a->nlinks].role = xstrdup(role);
    a->links[a->nlinks++].target = to;
}

static void init(struct gl_eval_file *f, const char *name)
{
    memset(f, 0, sizeof *f);
    f->path = xstrdup(name);
    f->article = xstrdup("art.txt");
}

static const struct gl_eval_row *row(const struct gl_eval *ev,
                                     const char *label)
{
    for (size_t i = 0; i < ev->nrows; i++)
        if (strcmp(ev->rows[i].label, label) == 0) return &ev->rows[i];
    return NULL;
}

static int near(double a, double b) { return fabs(a - b) < 1e-9; }

/* gold, pred, tp for the exact and lenient counts of a row */
#define CHECK_ROW(ev, label, g, p, tpe, tpl)                               \
    do {                                                                   \
        const struct gl_eval_row *r_ = row(ev, label);                     \
        CHECKF(r_ != NULL, "no row %s", label);                            \
        if (r_)                                                            \
            CHECKF(r_->exact.gold == (g) && r_->exact.pred == (p) &&       \
                       r_->exact.tp == (tpe) && r_->lenient.tp == (tpl),   \
                   "%s: gold %zu pred %zu exact %zu lenient %zu", label,   \
                   r_->exact.gold, r_->exact.pred, r_->exact.tp,           \
                   r_->lenient.tp);                                        \
    } while (0)

static void score(struct gl_eval *ev, const struct gl_eval_opts *o,
                  struct gl_eval_file *g, struct gl_eval_file *p)
{
    struct gl_err err = {0};

    gl_eval_init(ev, o);
    CHECK(gl_eval_add(ev, g, p, &err) == GL_OK);
    gl_eval_file_free(g);
    if (p) gl_eval_file_free(p);
}

/* gold claims [0,10) [20,30) [40,50); predicted [0,10) [22,35) [60,70).
 * exact: 1 of 3 each way, P = R = F1 = 1/3; lenient: 2 of 3, 2/3. */
static void test_exact_and_lenient(void)
{
    struct gl_eval_file g, p;
    struct gl_eval ev;
    const struct gl_eval_row *r;

    init(&g, "g"), init(&p, "p");
    add(&g, "claim", 0, 10, NULL), add(&g, "claim", 20, 30, NULL);
    add(&g, "claim", 40, 50, NULL);
    add(&p, "claim", 0, 10, NULL), add(&p, "claim", 22, 35, NULL);
    add(&p, "claim", 60, 70, NULL);
    score(&ev, NULL, &g, &p);
    CHECK_ROW(&ev, "claim", 3, 3, 1, 2);
    r = row(&ev, "claim");
    if (r) {
        CHECK(near(gl_eval_precision(&r->exact), 1.0 / 3));
        CHECK(near(gl_eval_recall(&r->exact), 1.0 / 3));
        CHECK(near(gl_eval_f1(&r->exact), 1.0 / 3));
        CHECK(near(gl_eval_precision(&r->lenient), 2.0 / 3));
        CHECK(near(gl_eval_f1(&r->lenient), 2.0 / 3));
    }
    /* the misses list: [40,50) missed, [60,70) a false hit */
    CHECK(ev.nmiss >= 2);
    {
        int miss = 0, fh = 0;
        for (size_t i = 0; i < ev.nmiss; i++) {
            const struct gl_eval_miss *m = &ev.miss[i];
            if (strcmp(m->label, "claim")) continue;
            if (!m->false_hit && strcmp(m->text, "claim@40") == 0 &&
                m->col == 41 && strcmp(m->file, "art.txt") == 0)
                miss++;
            if (m->false_hit && strcmp(m->text, "claim@60") == 0) fh++;
        }
        CHECK(miss == 1 && fh == 1);
    }
    gl_eval_fini(&ev);
}

/* One prediction covering two gold claims finds one: P = 1, R = 1/2,
 * F1 = 2/3. A duplicate prediction is a false hit: P = 1/2. */
static void test_one_to_one(void)
{
    struct gl_eval_file g, p;
    struct gl_eval ev;
    const struct gl_eval_row *r;

    init(&g, "g"), init(&p, "p");
    add(&g, "claim", 0, 10, NULL), add(&g, "claim", 12, 20, NULL);
    add(&p, "claim", 0, 20, NULL);
    score(&ev, NULL, &g, &p);
    CHECK_ROW(&ev, "claim", 2, 1, 0, 1);
    r = row(&ev, "claim");
    if (r) {
        CHECK(near(gl_eval_precision(&r->lenient), 1.0));
        CHECK(near(gl_eval_recall(&r->lenient), 0.5));
        CHECK(near(gl_eval_f1(&r->lenient), 2.0 / 3));
    }
    gl_eval_fini(&ev);

    init(&g, "g"), init(&p, "p");
    add(&g, "actor", 5, 9, NULL);
    add(&p, "actor", 5, 9, NULL), add(&p, "actor", 5, 9, NULL);
    score(&ev, NULL, &g, &p);
    CHECK_ROW(&ev, "actor", 1, 2, 1, 1);
    gl_eval_fini(&ev);

    /* the matching is maximal, not greedy: gold A [0,10) B [8,12); pred
     * X [5,9) overlaps both, Y [0,3) only A. Greedy A-X leaves B alone;
     * the maximum pairs A-Y and B-X. */
    init(&g, "g"), init(&p, "p");
    add(&g, "claim", 0, 10, NULL), add(&g, "claim", 8, 12, NULL);
    add(&p, "claim", 5, 9, NULL), add(&p, "claim", 0, 3, NULL);
    score(&ev, NULL, &g, &p);
    CHECK_ROW(&ev, "claim", 2, 2, 0, 2);
    gl_eval_fini(&ev);
}

/* gold C1 [0,10) -source-> S [20,25), -cue-> Q [26,30); C2 [40,50)
 * -source-> S; C3 [70,80) has no source.
 * pred c1 [0,10) -source-> [20,25); c2 [42,50) -source-> [60,65) (wrong);
 * c3 [72,78), no source.
 * claim.source: gold 2, pred 2, exact 1, lenient 1; claim.cue: gold 1,
 * pred 0. attribution: lenient c1 and c3 (no source needed) = 2 of 3;
 * exact only c1. */
static void test_links_and_attribution(void)
{
    struct gl_eval_file g, p;
    struct gl_eval ev;
    const struct gl_eval_row *r;

    init(&g, "g"), init(&p, "p");
    add(&g, "claim", 0, 10, NULL);   /* 0 */
    add(&g, "source", 20, 25, NULL); /* 1 */
    add(&g, "cue", 26, 30, NULL);    /* 2 */
    add(&g, "claim", 40, 50, NULL);  /* 3 */
    add(&g, "claim", 70, 80, NULL);  /* 4 */
    link(&g, 0, "source", 1), link(&g, 0, "cue", 2), link(&g, 3, "source", 1);
    add(&p, "claim", 0, 10, NULL);   /* 0 */
    add(&p, "source", 20, 25, NULL); /* 1 */
    add(&p, "claim", 42, 50, NULL);  /* 2 */
    add(&p, "source", 60, 65, NULL); /* 3 */
    add(&p, "claim", 72, 78, NULL);  /* 4 */
    link(&p, 0, "source", 1), link(&p, 2, "source", 3);
    score(&ev, NULL, &g, &p);
    CHECK_ROW(&ev, "claim", 3, 3, 1, 3);
    CHECK_ROW(&ev, "source", 1, 2, 1, 1);
    CHECK_ROW(&ev, "claim.source", 2, 2, 1, 1);
    CHECK_ROW(&ev, "claim.cue", 1, 0, 0, 0);
    CHECK_ROW(&ev, "attribution", 3, 3, 1, 2);
    r = row(&ev, "claim.cue");
    if (r) {
        CHECK(gl_eval_precision(&r->exact) < 0); /* undefined */
        CHECK(gl_eval_recall(&r->exact) == 0.0);
        CHECK(gl_eval_f1(&r->exact) == 0.0);
    }
    r = row(&ev, "attribution");
    CHECK(r && r->kind == GL_EROW_E2E);
    /* the attribution miss says the content was found, the source not */
    {
        int found = 0;
        for (size_t i = 0; i < ev.nmiss; i++)
            if (strcmp(ev.miss[i].label, "attribution") == 0 &&
                !ev.miss[i].false_hit && ev.miss[i].note &&
                strstr(ev.miss[i].note, "content found"))
                found++;
        CHECK(found == 1);
    }
    gl_eval_fini(&ev);
}

/* A discontinuous gold claim [0,5)+[10,15) is one unit. Predicting only
 * [10,15) finds it leniently; predicting both pieces finds it exactly. */
static void test_parts(void)
{
    struct gl_eval_file g, p;
    struct gl_eval ev;

    init(&g, "g"), init(&p, "p");
    add(&g, "claim", 0, 5, NULL), add(&g, "claim", 10, 15, NULL);
    link(&g, 1, "part", 0);
    add(&p, "claim", 10, 15, NULL);
    score(&ev, NULL, &g, &p);
    CHECK_ROW(&ev, "claim", 1, 1, 0, 1);
    CHECK(row(&ev, "claim.part") == NULL);
    gl_eval_fini(&ev);

    init(&g, "g"), init(&p, "p");
    add(&g, "claim", 0, 5, NULL), add(&g, "claim", 10, 15, NULL);
    link(&g, 1, "part", 0);
    add(&p, "claim", 10, 15, NULL), add(&p, "claim", 0, 5, NULL);
    link(&p, 0, "part", 1);
    score(&ev, NULL, &g, &p);
    CHECK_ROW(&ev, "claim", 1, 1, 1, 1);
    gl_eval_fini(&ev);
}

/* gold actors person [0,5), organisation [10,15), misc [20,25); pred
 * person [0,5), country [10,15), country [20,25), group [30,35).
 * --kinds person,organisation,location: misc is don't-care, so [20,25)
 * is silenced, and group is dropped: untyped 2/2/2. Typed: the country
 * (location) is not the organisation: tp 1; rows per kind. */
static void test_kinds_and_typed(void)
{
    static const char *kinds[] = {"person", "organisation", "location"};
    struct gl_eval_opts o = {0};
    struct gl_eval_file g, p;
    struct gl_eval ev;

    for (int typed = 0; typed < 2; typed++) {
        init(&g, "g"), init(&p, "p");
        add(&g, "actor", 0, 5, "person");
        add(&g, "actor", 10, 15, "organisation");
        add(&g, "actor", 20, 25, "misc");
        add(&p, "actor", 0, 5, "person");
        add(&p, "actor", 10, 15, "country");
        add(&p, "actor", 20, 25, "Country");
        add(&p, "actor", 30, 35, "group");
        o.kinds = kinds;
        o.nkinds = 3;
        o.typed = typed;
        score(&ev, &o, &g, &p);
        if (!typed) {
            CHECK_ROW(&ev, "actor", 2, 2, 2, 2);
            CHECK(row(&ev, "actor/person") == NULL);
        } else {
            CHECK_ROW(&ev, "actor", 2, 2, 1, 1);
            CHECK_ROW(&ev, "actor/person", 1, 1, 1, 1);
            CHECK_ROW(&ev, "actor/organisation", 1, 0, 0, 0);
            CHECK_ROW(&ev, "actor/location", 0, 1, 0, 0);
        }
        gl_eval_fini(&ev);
    }
}

static void set_attr(struct gl_eval_file *f, size_t i, const char *kv)
{
    struct gl_eval_ann *a = &f->ann[i];

    a->attrs = xreallocarray(a->attrs, a->nattrs + 1, sizeof *a->attrs);
    a->attrs[a->nattrs++] = xstrdup(kv);
}

/* --ignore mention=pronoun: gold person [0,5); pred person [0,5) and a
 * pronoun [10,12). Without it, P = 1/2; with it the pronoun is not
 * counted (P = 1). A gold unit with the attr becomes don't-care: the
 * prediction overlapping gold [20,24) (a pronoun in the gold) is silenced
 * and that gold unit is no miss. "mention=pro" (a prefix) matches nothing. */
static void test_ignore_attrs(void)
{
    static const char *pron[] = {"mention=pronoun"};
    static const char *prefix[] = {"mention=pro"};
    struct gl_eval_opts o = {0};
    struct gl_eval_file g, p;
    struct gl_eval ev;

    for (int pass = 0; pass < 3; pass++) {
        init(&g, "g"), init(&p, "p");
        add(&g, "actor", 0, 5, "person");
        add(&g, "actor", 20, 24, "person");
        set_attr(&g, 1, "mention=pronoun");
        add(&p, "actor", 0, 5, "person");
        set_attr(&p, 0, "mention=name");
        add(&p, "actor", 10, 12, "person");
        set_attr(&p, 1, "kind=person");
        set_attr(&p, 1, "mention=pronoun");
        add(&p, "actor", 20, 23, "person");
        o.ignore = pass == 1 ? pron : prefix;
        o.nignore = pass == 0 ? 0 : 1;
        score(&ev, &o, &g, &p);
        if (pass == 1) CHECK_ROW(&ev, "actor", 1, 1, 1, 1);
        else CHECK_ROW(&ev, "actor", 2, 3, 1, 2);
        gl_eval_fini(&ev);
    }
}

static void test_norm_kind(void)
{
    static const char *const t[][2] = {
        {"person", "person"},         {"PER", "person"},
        {"Organization", "organisation"}, {"party", "organisation"},
        {"country", "location"},      {"place", "location"},
        {"LOC", "location"},          {"misc", "misc"},
        {"group", "group"},           {"Collective", "collective"},
    };
    char out[32];

    for (size_t i = 0; i < sizeof t / sizeof *t; i++) {
        gl_eval_norm_kind(t[i][0], out, sizeof out);
        CHECKF(strcmp(out, t[i][1]) == 0, "%s -> %s", t[i][0], out);
    }
}

/* --types, rejected annotations, nothing predicted, other articles */
static void test_selection_rejected_and_errors(void)
{
    static const char *types[] = {"actor"};
    struct gl_eval_opts o = {0};
    struct gl_eval_file g, p;
    struct gl_eval ev;
    struct gl_err err = {0};

    init(&g, "g"), init(&p, "p");
    add(&g, "actor", 0, 5, NULL), add(&g, "claim", 10, 20, NULL);
    add(&g, "actor", 30, 35, NULL);
    g.ann[2].rejected = 1;
    add(&p, "actor", 0, 5, NULL), add(&p, "actor", 30, 35, NULL);
    p.ann[1].rejected = 1;
    o.types = types;
    o.ntypes = 1;
    score(&ev, &o, &g, &p);
    CHECK_ROW(&ev, "actor", 1, 1, 1, 1);
    CHECK(row(&ev, "claim") == NULL && row(&ev, "attribution") == NULL);
    gl_eval_fini(&ev);

    init(&g, "g");
    add(&g, "claim", 0, 5, NULL);
    score(&ev, NULL, &g, NULL);
    CHECK_ROW(&ev, "claim", 1, 0, 0, 0);
    CHECK_ROW(&ev, "attribution", 1, 0, 0, 0);
    CHECK(ev.ndocs == 1);
    gl_eval_fini(&ev);

    init(&g, "g"), init(&p, "p");
    memset(g.sha256, 'a', 64);
    memset(p.sha256, 'b', 64);
    gl_eval_init(&ev, NULL);
    CHECK(gl_eval_add(&ev, &g, &p, &err) == GL_ESCHEMA);
    CHECK(strstr(err.msg, "different articles") != NULL);
    gl_eval_file_free(&g);
    gl_eval_file_free(&p);
    gl_eval_fini(&ev);
}

/* Counts add up over articles. */
static void test_several_articles(void)
{
    struct gl_eval_file g, p;
    struct gl_eval ev;
    struct gl_err err = {0};

    gl_eval_init(&ev, NULL);
    for (int k = 0; k < 3; k++) {
        init(&g, "g"), init(&p, "p");
        add(&g, "cue", 0, 4, NULL);
        if (k != 1) add(&p, "cue", 0, 4, NULL);
        CHECK(gl_eval_add(&ev, &g, &p, &err) == GL_OK);
        gl_eval_file_free(&g);
        gl_eval_file_free(&p);
    }
    CHECK(ev.ndocs == 3);
    CHECK_ROW(&ev, "cue", 3, 2, 2, 2);
    gl_eval_fini(&ev);
}

/* Reading a real gloss file: the bundled example's claim and links. */
static void test_load_file(void)
{
    struct gl_eval_file f;
    struct gl_err err = {0};

    if (gl_eval_file_load("annotations/examples/short.yaml", &f, &err)) {
        CHECKF(0, "%s", err.msg);
        return;
    }
    CHECK(f.n == 3);
    CHECK(strcmp(f.article, "annotations/examples/short.txt") == 0);
    CHECK(strlen(f.sha256) == 64);
    CHECK(strcmp(f.ann[2].type, "claim") == 0);
    CHECK(f.ann[2].start == 18 && f.ann[2].end == 49);
    CHECK(strcmp(f.ann[2].kind, "direct") == 0);
    {
        int found = 0;
        for (size_t k = 0; k < f.ann[2].nattrs; k++)
            found |= strcmp(f.ann[2].attrs[k], "kind=direct") == 0;
        CHECK(found); /* string attrs kept for --ignore */
    }
    CHECK(f.ann[2].nlinks == 2);
    CHECK(strcmp(f.ann[2].links[0].role, "cue") == 0 ||
          strcmp(f.ann[2].links[0].role, "source") == 0);
    CHECK(strcmp(f.ann[0].text, "Ali Hassan") == 0 && f.ann[0].line == 1);
    gl_eval_file_free(&f);
    CHECK(gl_eval_file_load("no/such/file.yaml", &f, &err) == GL_EIO);
    CHECK(gl_eval_file_load("annotations/examples/short.txt", &f, &err) !=
          GL_OK);
}

int main(void)
{
    RUN(test_exact_and_lenient);
    RUN(test_one_to_one);
    RUN(test_links_and_attribution);
    RUN(test_parts);
    RUN(test_kinds_and_typed);
    RUN(test_ignore_attrs);
    RUN(test_norm_kind);
    RUN(test_selection_rejected_and_errors);
    RUN(test_several_articles);
    RUN(test_load_file);
    return check_done();
}

/* test_merge.c - unit tests of core/merge.c: a new run merged into a
 * reviewed file keeps every decision. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "merge.h"
#include "util.h"

static const char article[] =
    "Ann Lee said no. Bo Park said yes. Cy Diaz agreed.\n";

/* A reviewed file for `article` with these annotation entries. */
static struct gl_annfile *reviewed(const char *anns)
{
    struct gl_buf b = {0};
    struct gl_annfile *f = NULL;
    struct gl_err err = {0};

    gl_buf_printf(&b,
        "gloss: 1\narticle:\n  path: \"a.txt\"\n  sha256: %064d\n"
        "  bytes: 51\n  chars: 51\n  lines: 2\n  bom: false\n  newline: lf\n"
        "run:\n  gloss: 0.1.0\n  scripts: [\"t.lua\"]\nannotations:\n%s",
        0, anns);
    if (gl_annfile_parse(b.p, b.len, "t.yaml", &f, &err) != GL_OK)
        printf("#   parse: %lu:%lu: %s\n", err.line, err.col, err.msg),
            fflush(stdout);
    gl_buf_free(&b);
    return f;
}

/* One entry: id, type, byte range in `article`, rule or NULL, review. */
static void ann(struct gl_buf *b, int id, const char *type, unsigned s,
                unsigned e, const char *rule, const char *review)
{
    gl_buf_printf(b, "- id: %d\n  type: %s\n  text: \"%.*s\"\n  start: %u\n"
                  "  end: %u\n  byte_start: %u\n  byte_end: %u\n  line: 1\n"
                  "  col: %u\n", id, type, (int)(e - s), article + s, s, e, s,
                  e, s + 1);
    if (rule) gl_buf_printf(b, "  rule: \"%s\"\n", rule);
    gl_buf_printf(b, "  review: %s\n", review);
}

static long add(struct gl_store *st, const char *type, unsigned s, unsigned e)
{
    return gl_store_add(st, type, strlen(type), gl_span_make(s, e), "t.lua",
                        1);
}

/* Annotations of out at [s,e) of this type: count, and the last's index. */
static int find(const struct gl_store *out, const char *type, unsigned s,
                unsigned e, size_t *at)
{
    int n = 0;
    for (size_t i = 0; i < out->n; i++)
        if (!strcmp(out->ann[i].type, type) && out->ann[i].span.start == s &&
            out->ann[i].span.end == e)
            n++, *at = i;
    return n;
}

struct fixture {
    struct gl_doc *doc;
    struct gl_annfile *f;
    struct gl_anchor *res;
    struct gl_store fresh, out;
    struct gl_merge_stats st;
    size_t open;
};

static void setup(struct fixture *x, const char *text, const char *anns)
{
    struct gl_err err = {0};

    memset(x, 0, sizeof *x);
    x->doc = gl_doc_from_memory(text, strlen(text), "a.txt", &err);
    x->f = reviewed(anns);
    x->res = xcalloc(x->f ? x->f->n + 1 : 1, sizeof *x->res);
    if (x->f) gl_anchor_file(x->f, x->doc, NULL, x->res);
    gl_store_init(&x->fresh);
    gl_store_init(&x->out);
}

static void merge(struct fixture *x)
{
    CHECK(x->f != NULL);
    if (!x->f) return;
    x->open = gl_merge(x->f, x->res, &x->fresh, &x->out, &x->st);
}

static void teardown(struct fixture *x)
{
    for (size_t i = 0; x->f && i < x->f->n; i++) gl_anchor_fini(&x->res[i]);
    free(x->res);
    gl_annfile_free(x->f);
    gl_doc_free(x->doc);
    gl_store_fini(&x->fresh);
    gl_store_fini(&x->out);
}

/* "said" of Ann Lee is bytes 8..12; "Ann Lee" 0..7; "said" of Bo 25..29. */
static void rejected_is_not_suggested_again(void)
{
    struct gl_buf b = {0};
    struct fixture x;
    size_t at = 0;

    ann(&b, 1, "cue", 8, 12, "t.lua:3", "rejected");
    setup(&x, article, b.p);
    add(&x.fresh, "cue", 8, 12);
    add(&x.fresh, "cue", 25, 29);
    merge(&x);
    CHECK(x.open == 0);
    CHECK(find(&x.out, "cue", 8, 12, &at) == 1);
    CHECK(x.out.ann[at].review == GL_REVIEW_REJECTED);
    CHECK(find(&x.out, "cue", 25, 29, &at) == 1);
    CHECK(x.out.ann[at].review == GL_REVIEW_PENDING);
    CHECK(x.st.suppressed == 1 && x.st.added == 1);
    teardown(&x);
    gl_buf_free(&b);
}

static void accepted_stays_once_with_its_links(void)
{
    struct gl_buf b = {0};
    struct fixture x;
    size_t src = 0, cue = 0;

    ann(&b, 1, "source", 0, 7, "t.lua:2", "accepted");
    ann(&b, 2, "cue", 8, 12, "t.lua:3", "pending");
    gl_buf_puts(&b, "  links:\n    source: 1\n"); /* cue -> source */
    setup(&x, article, b.p);
    add(&x.fresh, "source", 0, 7);
    merge(&x);
    CHECK(find(&x.out, "source", 0, 7, &src) == 1);
    CHECK(x.out.ann[src].review == GL_REVIEW_ACCEPTED);
    CHECK(x.st.duplicate == 1 && x.st.added == 0);
    /* the pending cue is dropped: no decision links to it */
    CHECK(find(&x.out, "cue", 8, 12, &cue) == 0);
    CHECK(x.st.dropped == 1);
    teardown(&x);
    gl_buf_free(&b);
}

static void pending_link_target_of_a_decision_is_kept(void)
{
    struct gl_buf b = {0};
    struct fixture x;
    size_t src = 0, cue = 0;

    ann(&b, 1, "source", 0, 7, "t.lua:2", "pending");
    ann(&b, 2, "cue", 8, 12, "t.lua:3", "accepted");
    gl_buf_puts(&b, "  links:\n    source: 1\n");
    setup(&x, article, b.p);
    add(&x.fresh, "source", 0, 7);
    merge(&x);
    CHECK(find(&x.out, "source", 0, 7, &src) == 1);
    CHECK(find(&x.out, "cue", 8, 12, &cue) == 1);
    CHECK(x.out.ann[cue].nlinks == 1 && x.out.ann[cue].links[0].target == src);
    CHECK(x.st.kept_pending == 1);
    teardown(&x);
    gl_buf_free(&b);
}

static void overlap_with_edited_is_flagged(void)
{
    struct gl_buf b = {0};
    struct fixture x;
    size_t ed = 0, nw = 0;
    const struct gl_value *v;

    ann(&b, 1, "actor", 4, 7, "t.lua:2", "edited"); /* "Lee" */
    setup(&x, article, b.p);
    add(&x.fresh, "actor", 0, 7);  /* "Ann Lee": overlaps */
    add(&x.fresh, "cue", 8, 12);   /* another type elsewhere: not */
    merge(&x);
    CHECK(find(&x.out, "actor", 4, 7, &ed) == 1);
    CHECK(x.out.ann[ed].review == GL_REVIEW_EDITED);
    CHECK(find(&x.out, "actor", 0, 7, &nw) == 1);
    v = gl_store_get_attr(&x.out, (uint32_t)nw, GL_MERGE_FLAG);
    CHECK(v && v->t == GL_V_STR && !strcmp(v->u.s.p, "edited"));
    CHECK(x.out.ann[nw].nlinks == 1 &&
          !strcmp(x.out.ann[nw].links[0].role, GL_MERGE_ROLE) &&
          x.out.ann[nw].links[0].target == ed);
    CHECK(x.st.conflicts == 1 && x.st.added == 2);
    teardown(&x);
    gl_buf_free(&b);
}

static void lost_decision_stops_the_merge(void)
{
    struct gl_buf b = {0};
    struct fixture x;

    ann(&b, 1, "actor", 35, 42, "t.lua:2", "accepted"); /* "Cy Diaz" */
    setup(&x, "Ann Lee said no. Bo Park said yes.\n", b.p);
    add(&x.fresh, "actor", 0, 7);
    merge(&x);
    CHECK(x.open == 1);
    CHECK(x.out.n == 0);
    teardown(&x);
    gl_buf_free(&b);
}

static void hand_added_is_placed_and_kept(void)
{
    struct fixture x;
    size_t at = 0;

    setup(&x, article, "- type: actor\n  text: \"Bo Park\"\n");
    merge(&x);
    CHECK(x.open == 0);
    CHECK(find(&x.out, "actor", 17, 24, &at) == 1);
    CHECK(x.out.ann[at].review == GL_REVIEW_ACCEPTED);
    CHECK(x.out.ann[at].script == NULL);
    teardown(&x);
}

/* Text inserted above: the rejected "said" of Bo moves with its unique
 * neighbour "Bo Park", not to the nearest "said" of the old offsets. */
static void anchor_follows_the_shift(void)
{
    static const char changed[] =
        "Eve Ro said hi. Ann Lee said no. Bo Park said yes. Cy Diaz agreed.\n";
    struct gl_buf b = {0};
    struct fixture x;
    size_t at = 0;

    ann(&b, 1, "source", 17, 24, "t.lua:2", "accepted"); /* Bo Park */
    ann(&b, 2, "cue", 25, 29, "t.lua:3", "rejected");     /* his said */
    setup(&x, changed, b.p);
    add(&x.fresh, "cue", 41, 45);
    merge(&x);
    CHECK(x.res[1].status == GL_ANCHOR_MOVED);
    CHECKF(x.res[1].span.start == 41, "at %u", (unsigned)x.res[1].span.start);
    CHECK(find(&x.out, "cue", 41, 45, &at) == 1);
    CHECK(x.out.ann[at].review == GL_REVIEW_REJECTED);
    CHECK(x.st.suppressed == 1);
    teardown(&x);
    gl_buf_free(&b);
}

static void decisions_are_what_people_did(void)
{
    static const struct {
        const char *rule, *review, *note;
        int want;
    } cases[] = {
        {"t.lua:3", "pending", NULL, 0},
        {"t.lua:3", "accepted", NULL, 1},
        {"t.lua:3", "rejected", NULL, 1},
        {"t.lua:3", "edited", NULL, 1},
        {"t.lua:3", "pending", "check this", 1},
        {NULL, "pending", NULL, 1}, /* added by hand */
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        struct gl_buf b = {0};
        struct gl_annfile *f;

        ann(&b, 1, "cue", 8, 12, cases[i].rule, cases[i].review);
        if (cases[i].note) gl_buf_printf(&b, "  note: \"%s\"\n", cases[i].note);
        f = reviewed(b.p);
        CHECK(f != NULL);
        if (f) CHECKF(gl_merge_is_decision(&f->ann[0]) == cases[i].want,
                      "case %zu", i);
        gl_annfile_free(f);
        gl_buf_free(&b);
    }
}

int main(void)
{
    RUN(rejected_is_not_suggested_again);
    RUN(accepted_stays_once_with_its_links);
    RUN(pending_link_target_of_a_decision_is_kept);
    RUN(overlap_with_edited_is_flagged);
    RUN(lost_decision_stops_the_merge);
    RUN(hand_added_is_placed_and_kept);
    RUN(anchor_follows_the_shift);
    RUN(decisions_are_what_people_did);
    return check_done();
}

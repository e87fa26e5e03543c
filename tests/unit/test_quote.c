/* test_quote.c - unit tests of quotation pairing (core/quote.c). Tests
 * layer. Each case lists the expected quotations in output order. */
#include <string.h>

#include "check.h"
#include "doc.h"
#include "quote.h"
#include "utf8.h"

#define LQ "\xE2\x80\x9C" /* “ */
#define RQ "\xE2\x80\x9D" /* ” */
#define LS "\xE2\x80\x98" /* ‘ */
#define RS "\xE2\x80\x99" /* ’ */
#define LOW9 "\xE2\x80\x9E" /* „ */
#define LA "\xC2\xAB"     /* « */
#define RA "\xC2\xBB"     /* » */

struct want {
    const char *span; /* text of [start, end) */
    int flags, depth, parent, family;
};

struct qcase {
    const char *name, *in;
    size_t n;
    struct want q[3];
};

static struct gl_doc *load(const char *s)
{
    struct gl_err err;
    struct gl_doc *d = gl_doc_from_memory(s, strlen(s), "test", &err);
    CHECKF(d != NULL, "load failed: %s", err.msg);
    return d;
}

/* Sorted, on boundaries, marks around the content, properly nested, and
 * parent/depth consistent with containment. */
static void check_invariants(const struct gl_doc *d)
{
    size_t i, j;

    for (i = 0; i < d->nquotes; i++) {
        const struct gl_quote *q = &d->quotes[i];
        CHECKF(q->start <= q->cstart && q->cstart <= q->cend &&
               q->cend <= q->end && q->start < q->end && q->end <= d->len,
               "quote %zu [%u %u %u %u)", i, q->start, q->cstart, q->cend, q->end);
        CHECK(gl_doc_span_ok(d, q->start, q->end));
        CHECK(gl_doc_span_ok(d, q->cstart, q->cend));
        CHECK(q->family >= GL_QM_DOUBLE && q->family <= GL_QM_ANGLE1);
        if (i) {
            const struct gl_quote *p = &d->quotes[i - 1];
            CHECKF(p->start < q->start || (p->start == q->start && p->end > q->end),
                   "quote %zu order", i);
        }
        for (j = 0; j < i; j++) {
            const struct gl_quote *p = &d->quotes[j];
            CHECKF(p->end <= q->start || q->end <= p->end,
                   "quotes %zu and %zu cross", j, i);
        }
        if (q->parent < 0) {
            CHECK(q->depth == 0);
        } else {
            const struct gl_quote *p = &d->quotes[q->parent];
            CHECK((size_t)q->parent < i);
            CHECK(p->start <= q->start && q->end <= p->end);
            CHECK(q->depth == p->depth + 1);
        }
    }
}

static void check_case(const struct qcase *c)
{
    struct gl_doc *d = load(c->in);
    size_t i;

    if (!d) return;
    CHECKF(d->nquotes == c->n, "%s: %zu quotes, want %zu", c->name, d->nquotes,
           c->n);
    for (i = 0; i < d->nquotes && i < c->n; i++) {
        const struct gl_quote *q = &d->quotes[i];
        const struct want *w = &c->q[i];
        size_t len = q->end - q->start;
        CHECKF(len == strlen(w->span) &&
               memcmp(d->bytes + q->start, w->span, len) == 0,
               "%s: quote %zu is [%.*s], want [%s]", c->name, i, (int)len,
               d->bytes + q->start, w->span);
        CHECKF(q->flags == w->flags, "%s: quote %zu flags %#x, want %#x",
               c->name, i, q->flags, (unsigned)w->flags);
        CHECKF(q->depth == w->depth && q->parent == w->parent,
               "%s: quote %zu depth %d parent %d", c->name, i, q->depth,
               q->parent);
        CHECKF(q->family == w->family, "%s: quote %zu family %d", c->name, i,
               q->family);
    }
    check_invariants(d);
    gl_doc_free(d);
}

enum { D = GL_QM_DOUBLE, S = GL_QM_SINGLE, A = GL_QM_ANGLE, A1 = GL_QM_ANGLE1 };

static const struct qcase cases[] = {
    {"straight double", "He said \"hello there\" today.", 1,
     {{"\"hello there\"", 0, 0, -1, D}}},
    {"curly double", "He said " LQ "hello" RQ " today.", 1,
     {{LQ "hello" RQ, 0, 0, -1, D}}},
    {"single inside double", LQ "He said " LS "no" RS " twice" RQ, 2,
     {{LQ "He said " LS "no" RS " twice" RQ, 0, 0, -1, D},
      {LS "no" RS, GL_QF_AMBIGUOUS, 1, 0, S}}},
    {"single after punctuation", LQ "He said " LS "go." RS RQ, 2,
     {{LQ "He said " LS "go." RS RQ, 0, 0, -1, D},
      {LS "go." RS, 0, 1, 0, S}}},
    {"straight nested", "\"He said 'go.'\" she said.", 2,
     {{"\"He said 'go.'\"", 0, 0, -1, D}, {"'go.'", 0, 1, 0, S}}},
    {"guillemets", LA "Oui" RA ", dit-il. \xE2\x80\xB9" "a\xE2\x80\xBA", 2,
     {{LA "Oui" RA, 0, 0, -1, A}, {"\xE2\x80\xB9" "a\xE2\x80\xBA", 0, 0, -1, A1}}},
    {"low-9 German", LOW9 "Hallo" LQ ", sagte er.", 1,
     {{LOW9 "Hallo" LQ, 0, 0, -1, D}}},
    {"low-9 Polish", LOW9 "Tak" RQ " - powiedzia\xC5\x82.", 1,
     {{LOW9 "Tak" RQ, 0, 0, -1, D}}},
    {"apostrophes", "I don" RS "t know Jazeera" RS "s view, don't O'Brien.", 0,
     {{NULL, 0, 0, 0, 0}}},
    {"plural possessive, nothing open", "The protesters" RS " flags flew.", 0,
     {{NULL, 0, 0, 0, 0}}},
    {"plural possessive straight", "The protesters' flags flew.", 0,
     {{NULL, 0, 0, 0, 0}}},
    {"possessive closes an open single", LS "The protesters" RS " flags" RS " flew.", 1,
     {{LS "The protesters" RS, GL_QF_AMBIGUOUS, 0, -1, S}}},
    {"elision", "In the " RS "90s it was '80s " LS "fine" RS ".", 1,
     {{LS "fine" RS, GL_QF_AMBIGUOUS, 0, -1, S}}},
    {"unclosed", LQ "Never closed.\n\nNext para.", 1,
     {{LQ "Never closed.", GL_QF_UNCLOSED, 0, -1, D}}},
    {"unopened", "He said it." RQ " Then left.", 1,
     {{"He said it." RQ, GL_QF_UNOPENED, 0, -1, D}}},
    {"unopened contains earlier quote", LQ "A" RQ " b" RQ " c", 2,
     {{LQ "A" RQ " b" RQ, GL_QF_UNOPENED, 0, -1, D}, {LQ "A" RQ, 0, 1, 0, D}}},
    {"mismatch straight/curly", LQ "Hello\" he said.", 1,
     {{LQ "Hello\"", GL_QF_MISMATCH, 0, -1, D}}},
    {"mismatch family", LQ "Hello" RA " he said.", 1,
     {{LQ "Hello" RA, GL_QF_MISMATCH, 0, -1, D}}},
    {"empty", "He said \"\" twice.", 1, {{"\"\"", 0, 0, -1, D}}},
    {"typewriter pairs", "``Hi,'' he said. ''Yes,'' she said.", 2,
     {{"``Hi,''", 0, 0, -1, D}, {"''Yes,''", 0, 0, -1, D}}},
    {"inner closed by outer", LQ "He said " LS "no." RQ " Then", 2,
     {{LQ "He said " LS "no." RQ, 0, 0, -1, D},
      {LS "no.", GL_QF_UNCLOSED, 1, 0, S}}},
    {"backwards curly", RQ "Hi there," RQ " she said.", 1,
     {{RQ "Hi there," RQ, GL_QF_AMBIGUOUS, 0, -1, D}}},
    {"bracketed", "(\"Go\") and -\"Stop\"", 2,
     {{"\"Go\"", 0, 0, -1, D}, {"\"Stop\"", 0, 0, -1, D}}},
};

static void test_cases(void)
{
    size_t i;
    for (i = 0; i < sizeof cases / sizeof *cases; i++) check_case(&cases[i]);
}

static void test_content_span(void)
{
    struct gl_doc *d = load("He said \"" "hi" "\".");

    if (!d) return;
    CHECK(d->nquotes == 1);
    if (d->nquotes == 1) {
        CHECK(d->quotes[0].start == 8 && d->quotes[0].end == 12);
        CHECK(d->quotes[0].cstart == 9 && d->quotes[0].cend == 11);
    }
    gl_doc_free(d);
    d = load("x \"\" y");
    if (!d) return;
    CHECK(d->nquotes == 1);
    if (d->nquotes == 1) CHECK(d->quotes[0].cstart == d->quotes[0].cend);
    gl_doc_free(d);
}

static void test_continuation(void)
{
    const char *in = LQ "First part.\n\n" LQ "Second part.\n\n" LQ "Third part,"
                     RQ " he said.\n\nAfter.";
    struct gl_doc *d = load(in);

    if (!d) return;
    CHECK(d->nparagraphs == 4);
    CHECK(d->nquotes == 1);
    if (d->nquotes == 1) {
        const struct gl_quote *q = &d->quotes[0];
        CHECK(q->flags == GL_QF_CONTINUED);
        CHECK(q->start == 0);
        CHECK(q->cstart == 3);
        CHECK(memcmp(d->bytes + q->end - 4, "," RQ, 4) == 0);
        CHECK(q->cend == q->end - 3);
        CHECK(q->end < d->paragraphs[2].end);
    }
    check_invariants(d);
    gl_doc_free(d);
}

static void test_continuation_straight_and_inner(void)
{
    /* the inner single is closed at the paragraph end; the outer goes on */
    const char *in = "\"One " LS "two\n\n\"Three.\" Four.";
    struct gl_doc *d = load(in);

    if (!d) return;
    CHECK(d->nquotes == 2);
    if (d->nquotes == 2) {
        CHECK(d->quotes[0].flags == GL_QF_CONTINUED);
        CHECK(d->quotes[0].start == 0 &&
              d->quotes[0].end == d->paragraphs[1].start + 8);
        CHECK(d->quotes[1].flags == GL_QF_UNCLOSED);
        CHECK(d->quotes[1].end == d->paragraphs[0].end);
        CHECK(d->quotes[1].parent == 0 && d->quotes[1].depth == 1);
    }
    check_invariants(d);
    gl_doc_free(d);
}

static void test_no_continuation_other_family(void)
{
    const char *in = LQ "Open\n\n" LS "Other" RS " here.";
    struct gl_doc *d = load(in);

    if (!d) return;
    CHECK(d->nquotes == 2);
    if (d->nquotes == 2) {
        CHECK(d->quotes[0].flags == GL_QF_UNCLOSED);
        CHECK(d->quotes[0].end == d->paragraphs[0].end);
        CHECK(d->quotes[1].family == GL_QM_SINGLE);
        CHECK(d->quotes[1].parent == -1);
    }
    gl_doc_free(d);
}

static void test_unopened_after_continued(void)
{
    /* the stray closer must not reach back across the carried quote */
    const char *in = LQ "A\n\n" LQ "B" RQ " c" RQ " d";
    struct gl_doc *d = load(in);

    if (!d) return;
    CHECK(d->nquotes == 2);
    if (d->nquotes == 2) {
        CHECK(d->quotes[0].flags == GL_QF_CONTINUED);
        CHECK(d->quotes[1].flags == GL_QF_UNOPENED);
        CHECK(d->quotes[1].end - d->quotes[1].start == 4 &&
              d->bytes[d->quotes[1].start] == 'c');
        CHECK(d->quotes[1].parent == -1);
    }
    check_invariants(d);
    gl_doc_free(d);
}

static const char *const inv_texts[] = {
    LQ "a " LS "b " LQ "c" RQ " d" RS " e" RQ " f",
    "\"\"\"\"'''' `` '' ` ' " RS RS LS LS LQ LQ RQ RQ,
    LQ "x\n\n" LQ "y " LS "z\n\n" LQ "w" RS RA RQ "\n\n" RQ RQ,
    "'a 'b 'c' d' e' f",
    "He said \"yes and \"no\" and\" maybe\" " LOW9 "x" LQ " " LOW9 "y" RQ,
    "\xE2\x80\x9A" "a\xE2\x80\x98 \xE2\x80\xB9" "b\xE2\x80\xBA " RA "c" LA,
    "", "\"", RQ, "'", "A.\n\nB.",
};

static void test_invariants(void)
{
    size_t i;
    for (i = 0; i < sizeof inv_texts / sizeof *inv_texts; i++) {
        struct gl_doc *d = load(inv_texts[i]);
        if (!d) continue;
        check_invariants(d);
        gl_doc_free(d);
    }
}

int main(void)
{
    RUN(test_cases);
    RUN(test_content_span);
    RUN(test_continuation);
    RUN(test_continuation_straight_and_inner);
    RUN(test_no_continuation_other_family);
    RUN(test_unopened_after_continued);
    RUN(test_invariants);
    return check_done();
}

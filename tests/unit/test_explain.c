/* test_explain.c - unit tests of the --explain record (core/explain.c),
 * its YAML (`why:` and `near_misses:` in core/emit.c) and the reader
 * taking it back and writing it again unchanged (core/annfile*.c). */
#include <stdlib.h>
#include <string.h>

#include "annfile.h"
#include "check.h"
#include "emit.h"
#include "explain.h"
#include "util.h"

static const char article[] = "\"We stay,\" said Ali.\nTold.\n";

static int buf_write(void *ctx, const char *p, size_t n)
{
    gl_buf_add(ctx, p, n);
    return 0;
}

struct fx {
    struct gl_doc *doc;
    struct gl_store st;
    struct gl_explain ex;
};

/* A claim with evidence and a note, a cue from a lexicon, a plain source
 * (no why) and one near miss. */
static void setup(struct fx *f)
{
    struct gl_why *w;
    long claim, cue;

    f->doc = gl_doc_from_memory(article, strlen(article), "a.txt", NULL);
    gl_store_init(&f->st);
    gl_explain_init(&f->ex);
    claim = gl_store_add(&f->st, "claim", 5, gl_span_make(1, 9), "q.lua", 49);
    cue = gl_store_add(&f->st, "cue", 3, gl_span_make(11, 15), "q.lua", 21);
    gl_store_add(&f->st, "source", 6, gl_span_make(16, 19), "q.lua", 21);
    w = gl_explain_why(&f->ex, (uint32_t)claim);
    gl_why_evidence(w, "quote", "\"We stay,\"", 10, 0, 10);
    gl_why_evidence(w, "cue", "said", 4, 11, 15);
    w->note = xstrdup("first try");
    w = gl_explain_why(&f->ex, (uint32_t)cue);
    w->origin.match = xstrdup("lexicon");
    w->origin.lexicon = xstrdup("cues.txt");
    w->origin.entry = xstrdup("said");
    w->origin.at = xstrdup("lib/attribution.lua:77");
    gl_explain_near(&f->ex, "Told", 4, 21, 25, 2, 1, "cue with no quote", 17,
                    "q.lua:90");
}

static void teardown(struct fx *f)
{
    gl_explain_fini(&f->ex);
    gl_store_fini(&f->st);
    gl_doc_free(f->doc);
}

static char *emit(struct fx *f, int explain, int *rc)
{
    static const char *scripts[] = {"preset:quotes"};
    struct gl_run_info run = {"0.1.0", scripts, 1};
    struct gl_buf out = {0};
    struct gl_err err;

    *rc = gl_emit_yaml_explain(f->doc, &f->st, &run, explain ? &f->ex : NULL,
                               0, buf_write, &out, &err);
    gl_buf_putc(&out, '\0');
    return out.p;
}

static void test_evidence_sorted_and_replaced(void)
{
    struct gl_why w;

    memset(&w, 0, sizeof w);
    gl_why_evidence(&w, "speaker", "b", 1, 2, 3);
    gl_why_evidence(&w, "cue", "a", 1, 0, 1);
    gl_why_evidence(&w, "quote", "c", 1, 4, 5);
    gl_why_evidence(&w, "cue", "z", 1, 9, 10);
    CHECK(w.nev == 3);
    CHECK(strcmp(w.ev[0].role, "cue") == 0 && strcmp(w.ev[0].sp.text, "z") == 0);
    CHECK(w.ev[0].sp.start == 9 && w.ev[0].sp.end == 10);
    CHECK(strcmp(w.ev[1].role, "quote") == 0);
    CHECK(strcmp(w.ev[2].role, "speaker") == 0);
    gl_why_free(&w);
}

static void test_get_only_when_something_to_say(void)
{
    struct gl_explain ex;

    gl_explain_init(&ex);
    CHECK(gl_explain_get(NULL, 0) == NULL);
    CHECK(gl_explain_get(&ex, 0) == NULL);
    gl_explain_why(&ex, 3);                   /* created empty */
    CHECK(ex.nwhy == 4);
    CHECK(gl_explain_get(&ex, 3) == NULL);
    gl_explain_why(&ex, 1)->note = xstrdup("n");
    CHECK(gl_explain_get(&ex, 1) != NULL);
    CHECK(gl_explain_get(&ex, 9) == NULL);
    gl_explain_clear(&ex);
    CHECK(ex.nwhy == 0 && gl_explain_get(&ex, 1) == NULL);
    gl_explain_fini(&ex);
}

static void test_off_writes_neither(void)
{
    struct fx f;
    int rc;
    char *y;

    setup(&f);
    y = emit(&f, 0, &rc);
    CHECK(rc == GL_OK);
    CHECK(!strstr(y, "why:") && !strstr(y, "near_misses"));
    free(y);
    teardown(&f);
}

static void test_why_block(void)
{
    static const char *const want[] = {
        "  rule: \"q.lua:49\"\n"
        "  why:\n"
        "    evidence:\n"
        "      cue: {text: \"said\", start: 11, end: 15}\n"
        "      quote: {text: \"\\\"We stay,\\\"\", start: 0, end: 10}\n"
        "    note: \"first try\"\n"
        "  review: pending\n",
        "  rule: \"q.lua:21\"\n"
        "  why:\n"
        "    match: lexicon\n"
        "    lexicon: \"cues.txt\"\n"
        "    entry: \"said\"\n"
        "    at: \"lib/attribution.lua:77\"\n"
        "  review: pending\n",
        "  type: source\n",
    };
    struct fx f;
    int rc;
    char *y, *src;

    setup(&f);
    y = emit(&f, 1, &rc);
    CHECK(rc == GL_OK);
    for (size_t i = 0; i < sizeof want / sizeof *want; i++)
        CHECKF(strstr(y, want[i]) != NULL, "missing:\n%s\nin:\n%s", want[i], y);
    src = strstr(y, "  type: source\n");
    CHECK(src && !strstr(src, "  why:")); /* no origin, no evidence */
    free(y);
    teardown(&f);
}

static void test_near_misses_last(void)
{
    static const char want[] =
        "near_misses:\n"
        "- text: \"Told\"\n"
        "  start: 21\n"
        "  end: 25\n"
        "  line: 2\n"
        "  col: 1\n"
        "  reason: \"cue with no quote\"\n"
        "  rule: \"q.lua:90\"\n";
    struct fx f;
    int rc;
    char *y, *at;

    setup(&f);
    y = emit(&f, 1, &rc);
    at = strstr(y, want);
    CHECKF(at != NULL, "got:\n%s", y);
    CHECK(at && strlen(at) == strlen(want)); /* the document's last key */
    free(y);
    gl_explain_clear(&f.ex);
    y = emit(&f, 1, &rc);
    CHECK(strstr(y, "\nnear_misses: []\n") != NULL);
    free(y);
    teardown(&f);
}

static void test_bad_utf8_writes_nothing(void)
{
    struct fx f;
    int rc;
    char *y;

    setup(&f);
    free(f.ex.near[0].reason);
    f.ex.near[0].reason = xstrdup("bad \xC3(");
    y = emit(&f, 1, &rc);
    CHECK(rc == GL_EVALUE);
    CHECK(y[0] == '\0');
    free(y);
    gl_why_evidence(gl_explain_why(&f.ex, 0), "cue", "\xFF", 1, 0, 1);
    free(f.ex.near[0].reason);
    f.ex.near[0].reason = xstrdup("fine");
    y = emit(&f, 1, &rc);
    CHECK(rc == GL_EVALUE);
    free(y);
    teardown(&f);
}

static void test_read_back_and_rewrite(void)
{
    struct fx f;
    struct gl_annfile *af = NULL;
    struct gl_err err;
    struct gl_buf again = {0};
    struct gl_span spans[3];
    char why[128];
    int rc;
    char *y;

    setup(&f);
    y = emit(&f, 1, &rc);
    rc = gl_annfile_parse(y, strlen(y), "a.yaml", &af, &err);
    CHECKF(rc == GL_OK, "%s (line %lu)", err.msg, err.line);
    if (rc) goto done;
    CHECK(af->explained);
    CHECK(af->ex.nnear == 1 && strcmp(af->ex.near[0].reason,
                                      "cue with no quote") == 0);
    CHECK(gl_explain_get(&af->ex, 0) && af->ex.why[0].nev == 2);
    /* file order is position order: claim, cue, source */
    for (size_t i = 0; i < 3; i++)
        spans[i] = gl_span_make(af->ann[i].byte_start, af->ann[i].byte_end);
    CHECK(gl_annfile_emit(af, f.doc, spans, buf_write, &again, &err) == GL_OK);
    CHECK(again.len == strlen(y) && memcmp(again.p, y, again.len) == 0);
    CHECK(gl_annfile_edited(af, f.doc, why, sizeof why) == 0);
done:
    gl_annfile_free(af);
    gl_buf_free(&again);
    free(y);
    teardown(&f);
}

/* Broken why / near_misses are schema errors like any other key. */
static void test_reader_refuses(void)
{
    static const struct { const char *from, *to, *msg; } cases[] = {
        {"    match: lexicon", "    matched: lexicon", "unknown key 'matched'"},
        {"      cue: {text: \"said\", start: 11, end: 15}",
         "      cue: {text: \"said\", start: 11}", "missing key 'end'"},
        {"      cue: {text: \"said\", start: 11, end: 15}",
         "      cue: {text: \"said\", start: 11, end: 2}", "is before"},
        {"  reason: \"cue with no quote\"\n", "", "missing key 'reason'"},
        {"near_misses:\n", "near_misses: 3\nx:\n", "unknown key 'x'"},
        {"    evidence:\n      cue: {text: \"said\", start: 11, end: 15}\n"
         "      quote: {text: \"\\\"We stay,\\\"\", start: 0, end: 10}\n",
         "    evidence: 1\n", "must be a mapping"},
    };
    struct fx f;
    int rc;
    char *y;

    setup(&f);
    y = emit(&f, 1, &rc);
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char *at = strstr(y, cases[i].from);
        struct gl_buf b = {0};
        struct gl_annfile *af = NULL;
        struct gl_err err;

        CHECKF(at != NULL, "case %zu: fixture lacks its line", i);
        if (!at) continue;
        gl_buf_add(&b, y, (size_t)(at - y));
        gl_buf_puts(&b, cases[i].to);
        gl_buf_puts(&b, at + strlen(cases[i].from));
        rc = gl_annfile_parse(b.p, b.len, "a.yaml", &af, &err);
        CHECKF(rc == GL_ESCHEMA || rc == GL_EYAML, "case %zu: rc %d", i, rc);
        CHECKF(rc && strstr(err.msg, cases[i].msg), "case %zu: '%s'", i,
               rc ? err.msg : "(parsed)");
        gl_annfile_free(af);
        gl_buf_free(&b);
    }
    free(y);
    teardown(&f);
}

int main(void)
{
    RUN(test_evidence_sorted_and_replaced);
    RUN(test_get_only_when_something_to_say);
    RUN(test_off_writes_neither);
    RUN(test_why_block);
    RUN(test_near_misses_last);
    RUN(test_bad_utf8_writes_nothing);
    RUN(test_read_back_and_rewrite);
    RUN(test_reader_refuses);
    return check_done();
}

/* test_anchor.c - unit tests of re-anchoring (core/anchor.c): edited
 * articles (insertions, deletions, duplicated sentences, changed text),
 * with and without the old article's context, hand-added annotations, and
 * whole files. */
#include <stdlib.h>
#include <string.h>

#include "anchor.h"
#include "annfile.h"
#include "check.h"
#include "emit.h"
#include "util.h"

static struct gl_doc *mk(const char *s)
{
    return gl_doc_from_memory(s, strlen(s), "t.txt", NULL);
}

static const char *status_name(enum gl_anchor_status s)
{
    static const char *const n[] = {"unchanged", "moved", "placed",
                                    "ambiguous", "lost"};
    return n[s];
}

/* Anchor the `nth` (0-based) occurrence of `text` of old in new, with the
 * old article's context (ctx=1) or only its position (ctx=0). */
static void one(const char *old, const char *new, const char *text, int nth,
                int ctx, enum gl_anchor_status want, long want_at,
                size_t want_ncand, const char *name)
{
    struct gl_doc *o = mk(old), *d = mk(new);
    struct gl_anchor_ctx c;
    struct gl_anchor r;
    struct gl_span hint;
    const char *p = old;
    size_t tl = strlen(text);

    for (int i = 0; i <= nth; i++) p = strstr(i ? p + 1 : p, text);
    hint = gl_span_make((uint32_t)(p - old), (uint32_t)(p - old + tl));
    gl_anchor_context(o, hint, &c);
    gl_anchor_text(d, text, tl, &hint, ctx ? &c : NULL, &r);
    CHECKF(r.status == want, "%s (ctx %d): %s, want %s", name, ctx,
           status_name(r.status), status_name(want));
    if (want <= GL_ANCHOR_PLACED)
        CHECKF(r.span.start == (uint32_t)want_at &&
                   r.span.end == (uint32_t)want_at + tl,
               "%s (ctx %d): at %lu, want %ld", name, ctx,
               (unsigned long)r.span.start, want_at);
    if (want == GL_ANCHOR_AMBIGUOUS)
        CHECKF(r.ncand == want_ncand, "%s (ctx %d): %zu candidates, want %zu",
               name, ctx, r.ncand, want_ncand);
    gl_anchor_fini(&r);
    gl_doc_free(o);
    gl_doc_free(d);
}

/* more than GL_ANCHOR_CONTEXT characters on each side of "Beta two." */
#define LONG_PASSAGE \
    "Alpha one, and a long clause after it. Beta two. Gamma three, with " \
    "more words to follow.\n"

static const char old_text[] = "Alpha one. Beta two. Gamma three.\n";

static void test_unchanged(void)
{
    for (int ctx = 0; ctx < 2; ctx++) {
        one(old_text, old_text, "Beta two.", 0, ctx, GL_ANCHOR_UNCHANGED, 11,
            0, "same article");
        one(old_text, "Alpha one. Beta two. Gamma three!\n", "Beta two.", 0,
            ctx, GL_ANCHOR_UNCHANGED, 11, 0, "edit after it");
    }
}

static void test_insertion_before(void)
{
    for (int ctx = 0; ctx < 2; ctx++) {
        one(old_text, "Zero. Alpha one. Beta two. Gamma three.\n",
            "Beta two.", 0, ctx, GL_ANCHOR_MOVED, 17, 0, "insert");
        one("Caf\xc3\xa9 owner said no.\n",
            "\xc3\x89t\xc3\xa9: Caf\xc3\xa9 owner said no.\n", "owner", 0, ctx,
            GL_ANCHOR_MOVED, 13, 0, "insert multibyte");
    }
}

static void test_deletion(void)
{
    for (int ctx = 0; ctx < 2; ctx++)
        one(old_text, "Beta two. Gamma three.\n", "Gamma three.", 0, ctx,
            GL_ANCHOR_MOVED, 10, 0, "deletion");
}

static void test_changed_text_is_lost(void)
{
    for (int ctx = 0; ctx < 2; ctx++)
        one(old_text, "Alpha one. Beta 2. Gamma three.\n", "Beta two.", 0,
            ctx, GL_ANCHOR_LOST, 0, 0, "changed text");
}

/* The sentence holding a common word was deleted: position alone snaps to
 * another occurrence, context knows it is gone. */
static void test_deleted_sentence(void)
{
    const char *old = "Ali said no. Ben said yes.\n", *new = "Ali said no.\n";

    one(old, new, "said", 1, 1, GL_ANCHOR_LOST, 0, 0, "deleted, context");
    one(old, new, "said", 1, 0, GL_ANCHOR_MOVED, 4, 0, "deleted, position");
    /* a long text is its own context */
    one("Intro. \"We will stay until they listen to us.\" More.\n",
        "\"We will stay until they listen to us.\"\n",
        "We will stay until they listen to us.", 0, 1, GL_ANCHOR_MOVED, 1, 0,
        "long text, new surroundings");
}

/* A sentence that now occurs twice, once after the old text before it and
 * once before the old text after it: which copy was meant is unknowable. */
static void test_duplicated_sentence(void)
{
    const char *dup = "Alpha one. Beta two. Beta two. Gamma three.\n";

    one(old_text, dup, "Beta two.", 0, 1, GL_ANCHOR_AMBIGUOUS, 0, 2,
        "duplicated, with context");
    /* by position alone, the copy still at the old place wins */
    one(old_text, dup, "Beta two.", 0, 0, GL_ANCHOR_UNCHANGED, 11, 0,
        "duplicated, by position");
    /* a whole repeated passage: context ties, the old position decides */
    one(LONG_PASSAGE, LONG_PASSAGE LONG_PASSAGE, "Beta two.", 0, 1,
        GL_ANCHOR_UNCHANGED, 39, 0, "repeated passage");
    one(LONG_PASSAGE, "Intro. " LONG_PASSAGE LONG_PASSAGE, "Beta two.", 0, 1,
        GL_ANCHOR_MOVED, 46, 0, "repeated passage, shifted");
}

/* A common word: context finds the right one where position alone picks
 * the nearest, which after a long insertion is the wrong one. */
static void test_context_decides(void)
{
    const char *old = "The cat saw the dog and the bird.\n";
    const char *new = "Then the owner came in and the cat saw the dog and "
                      "the bird.\n";

    one(old, new, "the", 0, 1, GL_ANCHOR_MOVED, 39, 0, "'the dog'");
    one(old, new, "the", 0, 0, GL_ANCHOR_MOVED, 5, 0, "'the dog', nearest");
    one(old, new, "the", 1, 1, GL_ANCHOR_MOVED, 51, 0, "'the bird'");
    one(old, new, "the", 1, 0, GL_ANCHOR_MOVED, 27, 0, "'the bird', nearest");
}

static void test_equally_near_is_ambiguous(void)
{
    struct gl_doc *d = mk("ab xx ab\n");
    struct gl_span hint = gl_span_make(3, 5);
    struct gl_anchor r;

    gl_anchor_text(d, "ab", 2, &hint, NULL, &r);
    CHECK(r.status == GL_ANCHOR_AMBIGUOUS && r.ncand == 2);
    CHECK(r.ncand == 2 && r.cand[0] == 0 && r.cand[1] == 6);
    gl_anchor_fini(&r);
    hint = gl_span_make(4, 6);
    gl_anchor_text(d, "ab", 2, &hint, NULL, &r);
    CHECK(r.status == GL_ANCHOR_MOVED && r.span.start == 6);
    gl_anchor_fini(&r);
    gl_doc_free(d);
}

static void test_place_hand_added(void)
{
    static const struct {
        const char *text;
        unsigned long line, col;
        enum gl_anchor_status want;
        uint32_t at;
        size_t ncand;
    } cases[] = {
        {"mayor", 0, 0, GL_ANCHOR_PLACED, 4, 0},
        {"said", 0, 0, GL_ANCHOR_AMBIGUOUS, 0, 4},
        {"said", 2, 0, GL_ANCHOR_PLACED, 23, 0},
        {"said", 3, 0, GL_ANCHOR_AMBIGUOUS, 0, 2},
        {"said", 3, 14, GL_ANCHOR_PLACED, 46, 0},
        {"said", 9, 0, GL_ANCHOR_AMBIGUOUS, 0, 4},
        {"senator", 1, 0, GL_ANCHOR_LOST, 0, 0},
    };
    struct gl_doc *d = mk("The mayor said no.\nShe said yes.\n"
                          "He said, she said.\n");

    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        struct gl_anchor r;
        gl_anchor_place(d, cases[i].text, strlen(cases[i].text),
                        cases[i].line, cases[i].col, &r);
        CHECKF(r.status == cases[i].want, "case %zu: %s", i,
               status_name(r.status));
        if (cases[i].want == GL_ANCHOR_PLACED)
            CHECKF(r.span.start == cases[i].at, "case %zu: at %lu", i,
                   (unsigned long)r.span.start);
        CHECKF(r.ncand == cases[i].ncand, "case %zu: %zu candidates", i,
               r.ncand);
        gl_anchor_fini(&r);
    }
    gl_doc_free(d);
}

static int buf_write(void *ctx, const char *p, size_t n)
{
    gl_buf_add(ctx, p, n);
    return 0;
}

/* gloss output for `text`, one annotation per needle (first occurrence
 * after the previous one), plus extra YAML appended. */
static struct gl_annfile *file_for(const char *text, const char **needles,
                                   size_t n, const char *extra,
                                   const char *from, const char *to)
{
    struct gl_run_info run = {"0.1.0", NULL, 0};
    struct gl_doc *d = mk(text);
    struct gl_store st;
    struct gl_buf out = {0};
    struct gl_annfile *f = NULL;
    const char *p = text;
    char *at;

    gl_store_init(&st);
    for (size_t i = 0; i < n; i++) {
        p = strstr(p, needles[i]);
        gl_store_add(&st, "x", 1,
                     gl_span_make((uint32_t)(p - text),
                                  (uint32_t)(p - text + strlen(needles[i]))),
                     "r.lua", 1);
        p++;
    }
    gl_emit_yaml(d, &st, &run, 0, buf_write, &out, NULL);
    if (from && (at = strstr(out.p, from))) {
        struct gl_buf b = {0};
        gl_buf_add(&b, out.p, (size_t)(at - out.p));
        gl_buf_puts(&b, to);
        gl_buf_puts(&b, at + strlen(from));
        gl_buf_free(&out);
        out = b;
    }
    if (extra) gl_buf_puts(&out, extra);
    gl_annfile_parse(out.p, out.len, "f.yaml", &f, NULL);
    gl_buf_free(&out);
    gl_store_fini(&st);
    gl_doc_free(d);
    return f;
}

static void test_file_reanchored(void)
{
    const char *old = "Ali said no. Ben said yes. Ali left.\n";
    const char *new = "Today: Ali said no. Ben said yes, twice. Ali left.\n";
    const char *needles[] = {"Ali", "said", "yes.", "Ali left"};
    const char *hand = "- type: actor\n  text: \"Ben\"\n"
                       "- type: cue\n  text: \"said\"\n";
    struct gl_annfile *f = file_for(old, needles, 4, hand, NULL, NULL);
    struct gl_doc *o = mk(old), *d = mk(new);
    static const enum gl_anchor_status want[] = {
        GL_ANCHOR_MOVED, GL_ANCHOR_MOVED, GL_ANCHOR_LOST, GL_ANCHOR_MOVED,
        GL_ANCHOR_PLACED, GL_ANCHOR_AMBIGUOUS};
    struct gl_anchor r[6];

    CHECK(f && f->n == 6);
    if (!f) goto out;
    gl_anchor_file(f, d, o, r);
    for (size_t i = 0; i < 6; i++) {
        CHECKF(r[i].status == want[i], "annotation %zu: %s, want %s", i,
               status_name(r[i].status), status_name(want[i]));
        gl_anchor_fini(&r[i]);
    }
    CHECK(r[0].span.start == 7 && r[1].span.start == 11);
    CHECK(r[3].span.start == 41 && r[4].span.start == 20);
    /* against its own article: all in place, hand-added ones placed */
    gl_anchor_file(f, o, NULL, r);
    CHECK(r[0].status == GL_ANCHOR_UNCHANGED && !r[0].stale[0]);
    CHECK(r[2].status == GL_ANCHOR_UNCHANGED && r[2].span.start == 22);
    CHECK(r[4].status == GL_ANCHOR_PLACED);
    for (size_t i = 0; i < 6; i++) gl_anchor_fini(&r[i]);
out:
    gl_annfile_free(f);
    gl_doc_free(o);
    gl_doc_free(d);
}

/* Without the old article, a repeated word ("said") follows the text
 * around it: a paragraph inserted above holds another "said" nearer the
 * old offset, which must not win. */
static void test_file_shift_without_old(void)
{
    const char *old = "Title\n\nThe mayor said the water rose. Lena Ortiz said no.\n";
    const char *new = "Update: police said the road is shut.\n\n"
                      "Title\n\nThe mayor said the water rose. Lena Ortiz said no.\n";
    const char *needles[] = {"said", "Lena Ortiz", "said"};
    struct gl_annfile *f = file_for(old, needles, 3, NULL, NULL, NULL);
    struct gl_doc *d = mk(new);
    struct gl_anchor r[3];
    size_t shift = strlen("Update: police said the road is shut.\n\n");

    CHECK(f && f->n == 3);
    if (!f) goto out;
    gl_anchor_file(f, d, NULL, r);
    for (size_t i = 0; i < 3; i++)
        CHECKF(r[i].status == GL_ANCHOR_MOVED &&
                   r[i].span.start == f->ann[i].byte_start + shift,
               "annotation %zu at %u, want %zu", i, (unsigned)r[i].span.start,
               (size_t)f->ann[i].byte_start + shift);
    for (size_t i = 0; i < 3; i++) gl_anchor_fini(&r[i]);
out:
    gl_annfile_free(f);
    gl_doc_free(d);
}

/* Text in place, but derived fields typed wrong: reported, not moved. */
static void test_file_stale_fields(void)
{
    const char *text = "Ali said no.\nBen said yes.\n";
    const char *needles[] = {"Ben"};
    struct gl_annfile *f = file_for(text, needles, 1, NULL, "  line: 2\n",
                                    "  line: 3\n");
    struct gl_doc *d = mk(text);
    struct gl_anchor r;

    CHECK(f && f->n == 1);
    if (f) {
        gl_anchor_file(f, d, NULL, &r);
        CHECK(r.status == GL_ANCHOR_UNCHANGED);
        CHECKF(!strcmp(r.stale, "line is 3, should be 2"), "%s", r.stale);
        gl_anchor_fini(&r);
    }
    gl_annfile_free(f);
    f = file_for(text, needles, 1, NULL, "  start: 13\n", "  start: 12\n");
    if (f) {
        gl_anchor_file(f, d, NULL, &r);
        CHECKF(!strcmp(r.stale, "start is 12, should be 13"), "%s", r.stale);
        gl_anchor_fini(&r);
    }
    gl_annfile_free(f);
    /* the text changed by hand, offsets not: re-found nearby */
    f = file_for(text, needles, 1, NULL, "text: \"Ben\"", "text: \"yes\"");
    if (f) {
        gl_anchor_file(f, d, NULL, &r);
        CHECK(r.status == GL_ANCHOR_MOVED && r.span.start == 22);
        gl_anchor_fini(&r);
    }
    gl_annfile_free(f);
    gl_doc_free(d);
}

int main(void)
{
    RUN(test_unchanged);
    RUN(test_insertion_before);
    RUN(test_deletion);
    RUN(test_changed_text_is_lost);
    RUN(test_deleted_sentence);
    RUN(test_duplicated_sentence);
    RUN(test_context_decides);
    RUN(test_equally_near_is_ambiguous);
    RUN(test_place_hand_added);
    RUN(test_file_reanchored);
    RUN(test_file_stale_fields);
    RUN(test_file_shift_without_old);
    return check_done();
}

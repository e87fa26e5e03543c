/* test_lexicon.c - unit tests of core/lexicon.c: file format, folding,
 * token boundaries, leftmost-longest scanning, lookup, merging, errors,
 * and a 100k-entry lexicon over a ~1 MB document. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "check.h"
#include "doc.h"
#include "lexicon.h"
#include "util.h"

#define MAXHITS 64

struct hit {
    uint32_t entry;
    size_t first, end;
};

struct hits {
    struct hit h[MAXHITS];
    size_t n;
    size_t stop_after; /* 0: never stop */
};

static int collect(void *ctx, uint32_t entry, size_t first, size_t end)
{
    struct hits *hs = ctx;

    if (hs->n < MAXHITS) {
        hs->h[hs->n].entry = entry;
        hs->h[hs->n].first = first;
        hs->h[hs->n].end = end;
    }
    hs->n++;
    return hs->stop_after && hs->n >= hs->stop_after;
}

static struct gl_doc *mkdoc(const char *text)
{
    struct gl_err err = {0};
    struct gl_doc *d = gl_doc_from_memory(text, strlen(text), "test", &err);

    if (!d) printf("# cannot make doc: %s\n", err.msg);
    return d;
}

/* The text of a match, to compare against what we expect. */
static void hit_text(const struct gl_doc *d, const struct hit *h, char *out,
                     size_t cap)
{
    size_t s = d->tokens[h->first].start, e = d->tokens[h->end - 1].end;
    size_t n = e - s < cap - 1 ? e - s : cap - 1;

    memcpy(out, d->bytes + s, n);
    out[n] = '\0';
}

/* Scan `text` with lexicon `lex`; check that the matched texts are the
 * '|'-separated list `want` (in order) and each maps back to its phrase's
 * entry. */
static void expect_scan(struct gl_lexicon *lex, const char *text,
                        const char *want)
{
    struct gl_doc *d = mkdoc(text);
    struct hits hs = {0};
    char got[1024] = "", one[256];
    size_t i, n;

    CHECK(d != NULL);
    if (!d) return;
    n = gl_lex_scan(lex, d, 0, d->ntokens, collect, &hs);
    CHECK(n == hs.n);
    for (i = 0; i < hs.n && i < MAXHITS; i++) {
        hit_text(d, &hs.h[i], one, sizeof one);
        if (i) strcat(got, "|");
        strncat(got, one, sizeof got - strlen(got) - 1);
        /* the matched text folds to the entry's phrase */
        CHECKF(gl_lex_lookup(lex, one, strlen(one)) == (long)hs.h[i].entry,
               "'%s' is not entry %u", one, hs.h[i].entry);
    }
    CHECKF(strcmp(got, want) == 0, "on '%s': got '%s', want '%s'", text, got,
           want);
    gl_doc_free(d);
}

static struct gl_lexicon *lex_of(const char *const *phrases)
{
    struct gl_lexicon *lex = gl_lex_new();

    for (; *phrases; phrases++)
        CHECKF(gl_lex_add(lex, *phrases, strlen(*phrases)) >= 0, "add '%s'",
               *phrases);
    return lex;
}

static void attr_is(const struct gl_lexicon *lex, uint32_t e, size_t i,
                    const char *k, const char *v)
{
    const char *key = NULL, *val = NULL;
    size_t vlen = 0;

    gl_lex_attr(lex, e, i, &key, &val, &vlen);
    CHECKF(key && strcmp(key, k) == 0, "entry %u attr %zu key '%s'", e, i,
           key ? key : "(null)");
    CHECKF(val && strcmp(val, v) == 0 && vlen == strlen(v),
           "entry %u attr %zu val '%s'", e, i, val ? val : "(null)");
}

static void test_load_buffer(void)
{
    static const char file[] =
        "\xef\xbb\xbf# parties and bodies\r\n"
        "United Nations\ttype=org\tabbr=UN\r\n"
        "\r\n"
        "   \r\n"
        "  # an indented comment\r\n"
        "Hamas\tparty\t\ttype = org \n"
        "  New York  \n"
        "last line without newline";
    struct gl_lexicon *lex = gl_lex_new();
    struct gl_err err = {0};
    long e;

    CHECK(gl_lex_load_buffer(lex, file, sizeof file - 1, "t.lex", &err) ==
          GL_OK);
    CHECK(gl_lex_size(lex) == 4);
    CHECK(strcmp(gl_lex_phrase(lex, 0), "United Nations") == 0);
    CHECK(strcmp(gl_lex_phrase(lex, 1), "Hamas") == 0);
    CHECK(strcmp(gl_lex_phrase(lex, 2), "New York") == 0); /* trimmed */
    CHECK(strcmp(gl_lex_phrase(lex, 3), "last line without newline") == 0);
    CHECK(gl_lex_nattrs(lex, 0) == 2);
    attr_is(lex, 0, 0, "type", "org");
    attr_is(lex, 0, 1, "abbr", "UN");
    CHECK(gl_lex_nattrs(lex, 1) == 2); /* the empty field is skipped */
    attr_is(lex, 1, 0, "value", "party");
    attr_is(lex, 1, 1, "type", "org");
    CHECK(gl_lex_nattrs(lex, 2) == 0);
    e = gl_lex_lookup(lex, "united nations", 14);
    CHECK(e == 0);
    CHECK(gl_lex_phrase(lex, 9) == NULL && gl_lex_nattrs(lex, 9) == 0);
    gl_lex_free(lex);
}

static void test_casefold(void)
{
    static const char *const p[] = {"united nations", NULL};
    struct gl_lexicon *lex = lex_of(p);

    expect_scan(lex, "The United Nations and the UNITED NATIONS met.",
                "United Nations|UNITED NATIONS");
    expect_scan(lex, "United. Nations", "");
    gl_lex_free(lex);
}

static void test_apostrophe(void)
{
    static const char *const p[] = {"Al Jazeera's", "O\xe2\x80\x99Neill",
                                    NULL};
    struct gl_lexicon *lex = lex_of(p);

    expect_scan(lex, "Al Jazeera\xe2\x80\x99s report and al jazeera's",
                "Al Jazeera\xe2\x80\x99s|al jazeera's");
    expect_scan(lex, "O'Neill said", "O'Neill");
    CHECK(gl_lex_lookup(lex, "o'neill", 7) == 1);
    gl_lex_free(lex);
}

static void test_longest(void)
{
    static const char *const p[] = {"new york", "New York Times", "york",
                                    NULL};
    struct gl_lexicon *lex = lex_of(p);

    expect_scan(lex, "The New York Times said New York is big.",
                "New York Times|New York");
    /* the walk goes past "new york" toward "new york times" and fails on
     * "state": the last complete entry still wins */
    expect_scan(lex, "new york state", "new york");
    expect_scan(lex, "York, new times", "York");
    gl_lex_free(lex);
}

/* Matching is on whole tokens: "UNICEF" is one token, and so is
 * "Iran-backed" (inner hyphen), so neither "UN" nor "Iran" match inside
 * them. */
static void test_token_boundaries(void)
{
    static const char *const p[] = {"UN", "Iran", "U.S.", NULL};
    struct gl_lexicon *lex = lex_of(p);

    expect_scan(lex, "UNICEF and the UN.", "UN");
    expect_scan(lex, "Iran-backed groups; Iran's; Iran.", "Iran");
    expect_scan(lex, "the U.S. and US", "U.S.");
    gl_lex_free(lex);
}

static void test_leftmost_nonoverlap(void)
{
    static const char *const p[] = {"a b", "b c d", "c d", "d e", NULL};
    struct gl_lexicon *lex = lex_of(p);

    /* "a b" starts first, so "b c d" (longer, but later) is not taken */
    expect_scan(lex, "a b c d e", "a b|c d");
    expect_scan(lex, "x b c d e", "b c d");
    expect_scan(lex, "d e d e", "d e|d e");
    gl_lex_free(lex);
}

static void test_unicode_entries(void)
{
    static const char *const p[] = {
        "\xd8\xa7\xd9\x84\xd8\xa3\xd9\x85\xd9\x85 "
        "\xd8\xa7\xd9\x84\xd9\x85\xd8\xaa\xd8\xad\xd8\xaf\xd8\xa9", /* الأمم المتحدة */
        "\xc3\xa9lys\xc3\xa9""e",                                  /* élysée */
        "\xce\x91\xce\xb8\xce\xae\xce\xbd\xce\xb1",                /* Αθήνα */
        NULL};
    struct gl_lexicon *lex = lex_of(p);

    expect_scan(lex,
                "\xd9\x82\xd8\xa7\xd9\x84\xd8\xaa "
                "\xd8\xa7\xd9\x84\xd8\xa3\xd9\x85\xd9\x85 "
                "\xd8\xa7\xd9\x84\xd9\x85\xd8\xaa\xd8\xad\xd8\xaf\xd8\xa9.",
                "\xd8\xa7\xd9\x84\xd8\xa3\xd9\x85\xd9\x85 "
                "\xd8\xa7\xd9\x84\xd9\x85\xd8\xaa\xd8\xad\xd8\xaf\xd8\xa9");
    expect_scan(lex, "\xc3\x89LYS\xc3\x89""E et \xc3\x89lys\xc3\xa9""e",
                "\xc3\x89LYS\xc3\x89""E|\xc3\x89lys\xc3\xa9""e");
    /* French elision stays inside the word token (like "Jazeera's"), so
     * "l'Élysée" is one token and does not match "élysée". */
    expect_scan(lex, "\xc3\xa0 l'\xc3\x89lys\xc3\xa9""e", "");
    expect_scan(lex, "\xce\x91\xce\x98\xce\x89\xce\x9d\xce\x91 elysee",
                "\xce\x91\xce\x98\xce\x89\xce\x9d\xce\x91");
    gl_lex_free(lex);
}

static void test_lookup(void)
{
    static const char *const p[] = {"new york", "new york times", NULL};
    struct gl_lexicon *lex = lex_of(p);

    CHECK(gl_lex_lookup(lex, "NEW York", 8) == 0);
    CHECK(gl_lex_lookup(lex, "  new   york\t", 13) == 0);
    CHECK(gl_lex_lookup(lex, "new york times", 14) == 1);
    CHECK(gl_lex_lookup(lex, "new", 3) == -1); /* a prefix, not an entry */
    CHECK(gl_lex_lookup(lex, "new york times square", 21) == -1);
    CHECK(gl_lex_lookup(lex, "", 0) == -1);
    CHECK(gl_lex_lookup(lex, "new \xff", 5) == -1);
    CHECK(gl_lex_add(lex, "   ", 3) == -1);
    CHECK(gl_lex_add(lex, "bad \xc3", 5) == -1);
    CHECK(gl_lex_size(lex) == 2);
    gl_lex_free(lex);
}

static void test_duplicate_merge(void)
{
    static const char file[] = "Hamas\ttype=org\tlean=x\n"
                               "HAMAS\ttype=party\tcountry=PS\n";
    struct gl_lexicon *lex = gl_lex_new();
    struct gl_err err = {0};

    CHECK(gl_lex_load_buffer(lex, file, sizeof file - 1, "d", &err) == GL_OK);
    CHECK(gl_lex_size(lex) == 1);
    CHECK(strcmp(gl_lex_phrase(lex, 0), "Hamas") == 0);
    CHECK(gl_lex_nattrs(lex, 0) == 3);
    attr_is(lex, 0, 0, "type", "org");
    attr_is(lex, 0, 1, "lean", "x");
    attr_is(lex, 0, 2, "country", "PS");
    CHECK(gl_lex_add(lex, "hamas", 5) == 0);
    /* the API call, unlike a file, replaces a value */
    gl_lex_set_attr(lex, 0, "lean", "y\0z", 3);
    CHECK(gl_lex_nattrs(lex, 0) == 3);
    {
        const char *k, *v;
        size_t vl;
        gl_lex_attr(lex, 0, 1, &k, &v, &vl);
        CHECK(strcmp(k, "lean") == 0 && vl == 3 && memcmp(v, "y\0z", 3) == 0);
    }
    gl_lex_set_attr(lex, 0, "new", "1", 1);
    attr_is(lex, 0, 3, "new", "1");
    gl_lex_set_attr(lex, 7, "ignored", "1", 1); /* no such entry */
    gl_lex_free(lex);
}

static void test_bad_files(void)
{
    static const struct {
        const char *text;
        size_t len;
        int code;
        unsigned long line;
        size_t offset;
        const char *msg;
    } cases[] = {
#define T(s) s, sizeof(s) - 1
        {T("ok\nfine\nbad \xff here\n"), GL_EUTF8, 3, 12, "line 3"},
        {T("\xef\xbb\xbf" "a\r\n\xc3(\r\n"), GL_EUTF8, 2, 6, "invalid UTF-8"},
        {T("a\tk=v\n \t type=x\n"), GL_EFORMAT, 2, 6, "line 2: empty phrase"},
        {T("a\n\n\tx\n"), GL_EFORMAT, 3, 3, "line 3: empty phrase"},
        {T("a\tk=v\nb\t=v\n"), GL_EFORMAT, 2, 8, "line 2: empty attribute key"},
        {T("a\nb\0c\n"), GL_EFORMAT, 2, 2, "NUL byte"},
#undef T
    };
    size_t i;

    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct gl_lexicon *lex = gl_lex_new();
        struct gl_err err = {0};
        int rc = gl_lex_load_buffer(lex, cases[i].text, cases[i].len, "bad.lex",
                                    &err);
        CHECKF(rc == cases[i].code, "case %zu rc %d", i, rc);
        CHECKF(err.line == cases[i].line, "case %zu line %lu", i, err.line);
        CHECKF(err.offset == cases[i].offset, "case %zu offset %zu", i,
               err.offset);
        CHECKF(strstr(err.msg, cases[i].msg) && strstr(err.msg, "bad.lex"),
               "case %zu msg '%s'", i, err.msg);
        CHECKF(gl_lex_size(lex) == 0, "case %zu: a bad file added entries", i);
        gl_lex_free(lex);
    }
}

static void test_load_file(void)
{
    char path[] = "/tmp/gloss-test-lexXXXXXX";
    int fd = mkstemp(path);
    const char body[] = "Reuters\ttype=agency\nAFP\n";
    struct gl_lexicon *lex = gl_lex_new();
    struct gl_err err = {0};

    CHECK(fd >= 0);
    if (fd < 0) return;
    CHECK(write(fd, body, sizeof body - 1) == (ssize_t)(sizeof body - 1));
    close(fd);
    CHECK(gl_lex_load_file(lex, path, &err) == GL_OK);
    CHECK(gl_lex_size(lex) == 2);
    attr_is(lex, 0, 0, "type", "agency");
    unlink(path);
    CHECK(gl_lex_load_file(lex, path, &err) == GL_EIO);
    CHECK(strstr(err.msg, path) != NULL);
    gl_lex_free(lex);
}

static void test_scan_range_and_stop(void)
{
    static const char *const p[] = {"a b", "c", NULL};
    struct gl_lexicon *lex = lex_of(p);
    struct gl_doc *d = mkdoc("a b c a b c");
    struct hits hs = {0};

    CHECK(d && d->ntokens == 6);
    if (!d) {
        gl_lex_free(lex);
        return;
    }
    /* a match may not cross tok_end, and starts no earlier than tok_first */
    CHECK(gl_lex_scan(lex, d, 1, 4, collect, &hs) == 1);
    CHECK(hs.h[0].entry == 1 && hs.h[0].first == 2 && hs.h[0].end == 3);
    hs.n = 0;
    CHECK(gl_lex_scan(lex, d, 0, 100, collect, &hs) == 4); /* clamped */
    CHECK(hs.h[3].first == 5 && hs.h[3].end == 6);
    hs.n = 0;
    hs.stop_after = 2;
    CHECK(gl_lex_scan(lex, d, 0, 6, collect, &hs) == 2);
    CHECK(gl_lex_scan(lex, d, 0, 6, NULL, NULL) == 4);
    CHECK(gl_lex_scan(lex, d, 4, 4, NULL, NULL) == 0);
    gl_doc_free(d);
    gl_lex_free(lex);
}

/* The first scan of a document keeps every token's fold in it; a second
 * lexicon over the same document must find what it finds on a fresh one
 * (case folding beyond ASCII included: "ÉTÉ" is "été"). */
static void test_second_scan_same(void)
{
    static const char *const a[] = {"said", "told reporters", NULL};
    static const char *const b[] = {"été", "Ünited nations", "said", NULL};
    static const char *text = "He SAID the ÉTÉ plan of the ünited Nations "
                              "was late, she told reporters.";
    struct gl_lexicon *la = lex_of(a), *lb = lex_of(b);
    struct gl_doc *d = mkdoc(text), *fresh = mkdoc(text);
    struct hits h1 = {0}, h2 = {0};

    CHECK(d && fresh);
    if (!d || !fresh) return;
    CHECK(d->folds == NULL);
    CHECK(gl_lex_scan(la, d, 0, d->ntokens, NULL, NULL) == 2);
    CHECK(d->folds != NULL);
    CHECK(gl_lex_scan(lb, d, 0, d->ntokens, collect, &h1) == 3);
    CHECK(gl_lex_scan(lb, fresh, 0, fresh->ntokens, collect, &h2) == 3);
    for (size_t i = 0; i < 3; i++)
        CHECKF(h1.h[i].entry == h2.h[i].entry && h1.h[i].first == h2.h[i].first &&
                   h1.h[i].end == h2.h[i].end,
               "hit %zu differs after a first scan", i);
    gl_doc_free(d);
    gl_doc_free(fresh);
    gl_lex_free(la);
    gl_lex_free(lb);
}

/* Tokens longer than the scan's stack buffer (256 bytes folded) must
 * still match exactly, and must not match on a shared prefix. */
static void test_long_token(void)
{
    char word[400], upper[400], other[400], text[1300];
    struct gl_lexicon *lex = gl_lex_new();
    size_t i;

    for (i = 0; i < 300; i++) word[i] = (char)('a' + i % 26);
    word[300] = '\0';
    for (i = 0; i <= 300; i++)
        upper[i] = word[i] ? (char)(word[i] - 32) : '\0';
    memcpy(other, word, 301);
    other[290] = 'Z';
    CHECK(gl_lex_add(lex, word, 300) == 0);
    snprintf(text, sizeof text, "%s x %s", upper, other);
    {
        struct gl_doc *d = mkdoc(text);
        struct hits hs = {0};
        CHECK(d != NULL);
        if (d) {
            CHECK(gl_lex_scan(lex, d, 0, d->ntokens, collect, &hs) == 1);
            CHECK(hs.h[0].first == 0 && hs.h[0].end == 1);
            gl_doc_free(d);
        }
    }
    CHECK(gl_lex_lookup(lex, upper, 300) == 0);
    CHECK(gl_lex_lookup(lex, other, 300) == -1);
    gl_lex_free(lex);
}

/* ---- 100k entries over ~1 MB ---- */

/* A distinct lowercase word for every n: "q" + base-26 digits. */
static size_t word_of(unsigned long n, char *out)
{
    size_t k = 0;

    out[k++] = 'q';
    do {
        out[k++] = (char)('a' + n % 26);
        n /= 26;
    } while (n);
    return k;
}

static double now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

struct big_ctx {
    const long *want_entry;
    const size_t *want_first, *want_end;
    size_t n, nwant, bad;
};

static int big_cb(void *ctx, uint32_t entry, size_t first, size_t end)
{
    struct big_ctx *c = ctx;

    if (c->n >= c->nwant || (long)entry != c->want_entry[c->n] ||
        first != c->want_first[c->n] || end != c->want_end[c->n])
        c->bad++;
    c->n++;
    return 0;
}

static void test_big(void)
{
    const unsigned long nent = 100000;
    struct gl_lexicon *lex = gl_lex_new();
    long *two = malloc(nent * sizeof *two), *three = malloc(nent * sizeof *three);
    struct gl_buf doc = {0};
    char w[32], phrase[128];
    size_t ntok = 0, nplant = 0, cap = 1 << 17;
    long *we = malloc(cap * sizeof *we);
    size_t *wf = malloc(cap * sizeof *wf), *wend = malloc(cap * sizeof *wend);
    unsigned long k, x = 1;
    struct gl_doc *d;
    struct big_ctx bc = {0};
    double t0, t1, t2;

    t0 = now();
    /* entry pairs "w(2k) w(2k+1)", and every tenth also "... times" */
    for (k = 0; k < nent; k++) {
        size_t n = word_of(2 * k, phrase);
        phrase[n++] = ' ';
        n += word_of(2 * k + 1, phrase + n);
        two[k] = gl_lex_add(lex, phrase, n);
        three[k] = -1;
        if (k % 10 == 0) {
            memcpy(phrase + n, " Times", 6);
            three[k] = gl_lex_add(lex, phrase, n + 6);
        }
    }
    CHECK(gl_lex_size(lex) == nent + nent / 10);
    t1 = now();
    /* the document: pseudo-random planted phrases (some capitalised, some
     * with "times"), near misses (a first word then a wrong second) and
     * filler, until ~1 MB */
    while (doc.len < 1000000) {
        unsigned long r;
        x = x * 6364136223846793005ull + 1442695040888963407ull;
        r = (unsigned long)(x >> 33);
        k = r % nent;
        switch (r % 5) {
        case 0:
        case 1: {
            size_t n = word_of(2 * k, w);
            if (r & 64) w[0] = 'Q';
            gl_buf_add(&doc, w, n);
            gl_buf_putc(&doc, ' ');
            gl_buf_add(&doc, w, word_of(2 * k + 1, w));
            wf[nplant] = ntok;
            ntok += 2;
            we[nplant] = two[k];
            if (k % 10 == 0 && (r & 128)) {
                gl_buf_puts(&doc, " TIMES");
                ntok++;
                we[nplant] = three[k];
            }
            wend[nplant++] = ntok;
            gl_buf_puts(&doc, ". ");
            ntok++;
            break;
        }
        case 2: /* first word, wrong second */
            gl_buf_add(&doc, w, word_of(2 * k, w));
            gl_buf_putc(&doc, ' ');
            gl_buf_add(&doc, w, word_of(2 * k + 3, w));
            gl_buf_puts(&doc, ", ");
            ntok += 3;
            break;
        default: /* filler that is no entry's first word */
            gl_buf_add(&doc, w, word_of(2 * k + 1, w));
            gl_buf_puts(&doc, " said the officials ");
            ntok += 4;
        }
    }
    d = gl_doc_from_memory(doc.p, doc.len, "big", NULL);
    CHECK(d != NULL);
    if (d) {
        size_t n;
        CHECKF(d->ntokens == ntok, "tokens %zu, expected %zu", d->ntokens,
               ntok);
        bc.want_entry = we;
        bc.want_first = wf;
        bc.want_end = wend;
        bc.nwant = nplant;
        t2 = now();
        n = gl_lex_scan(lex, d, 0, d->ntokens, big_cb, &bc);
        t2 = now() - t2;
        CHECKF(n == nplant && bc.n == nplant, "%zu matches, %zu planted", n,
               nplant);
        CHECKF(bc.bad == 0, "%zu wrong matches", bc.bad);
        printf("# %lu entries built in %.3f s; %zu bytes, %zu tokens, %zu "
               "matches scanned in %.3f s\n",
               (unsigned long)gl_lex_size(lex), t1 - t0, doc.len, d->ntokens,
               n, t2);
        gl_doc_free(d);
    }
    gl_buf_free(&doc);
    free(two);
    free(three);
    free(we);
    free(wf);
    free(wend);
    gl_lex_free(lex);
}

/* A generated file of 20,000 lines loads into exactly its entries and
 * attributes: values spread over many storage blocks, one value longer
 * than a block, duplicates merged, a file loaded into a lexicon that
 * already has entries from the API. */
static void test_big_file_round_trip(void)
{
    const unsigned long n = 20000;
    struct gl_lexicon *lex = gl_lex_new();
    struct gl_buf f = {0}, longv = {0};
    struct gl_err err = {0};
    char w[32], p[80], v[40];
    unsigned long k, bad = 0;

    CHECK(gl_lex_add(lex, "Zz Api", 6) == 0);
    gl_lex_set_attr(lex, 0, "kind", "api", 3);
    for (k = 0; k < 6000; k++) gl_buf_putc(&longv, (char)('a' + k % 26));
    gl_buf_puts(&f, "# generated\n");
    for (k = 0; k < n; k++) {
        size_t m = word_of(2 * k, w);
        gl_buf_add(&f, w, m);
        gl_buf_putc(&f, ' ');
        gl_buf_add(&f, w, word_of(2 * k + 1, w));
        gl_buf_printf(&f, "\tn=%lu\t%s\n", k, k % 3 ? "x" : "y");
        if (k == 777) gl_buf_printf(&f, "zz API\tkind=file\tlong=%s\n", longv.p);
    }
    /* the first entry again, with one new key and one known key */
    gl_buf_add(&f, w, word_of(0, w));
    gl_buf_putc(&f, ' ');
    gl_buf_add(&f, w, word_of(1, w));
    gl_buf_puts(&f, "\tn=other\textra=1\n");
    CHECK(gl_lex_load_buffer(lex, f.p, f.len, "gen", &err) == GL_OK);
    CHECKF(gl_lex_size(lex) == n + 1, "%zu entries", gl_lex_size(lex));
    for (k = 0; k < n; k++) {
        const char *key, *val;
        size_t vlen, m = word_of(2 * k, p);
        char want[32];
        uint32_t e = (uint32_t)k + 1;

        p[m++] = ' ';
        m += word_of(2 * k + 1, p + m);
        p[m] = '\0';
        snprintf(v, sizeof v, "%lu", k);
        snprintf(want, sizeof want, "%s", k % 3 ? "x" : "y");
        if (strcmp(gl_lex_phrase(lex, e), p) != 0 ||
            gl_lex_lookup(lex, p, m) != (long)e ||
            gl_lex_nattrs(lex, e) != (k ? 2u : 3u)) {
            bad++;
            continue;
        }
        gl_lex_attr(lex, e, 0, &key, &val, &vlen);
        if (strcmp(key, "n") || strcmp(val, v) || vlen != strlen(v)) bad++;
        gl_lex_attr(lex, e, 1, &key, &val, &vlen);
        if (strcmp(key, "value") || strcmp(val, want)) bad++;
    }
    CHECKF(bad == 0, "%lu entries differ", bad);
    attr_is(lex, 1, 2, "extra", "1"); /* merged; n kept its first value */
    attr_is(lex, 1, 0, "n", "0");
    /* the API entry kept its value and gained the long one */
    CHECK(gl_lex_nattrs(lex, 0) == 2);
    attr_is(lex, 0, 0, "kind", "api");
    attr_is(lex, 0, 1, "long", longv.p);
    gl_buf_free(&f);
    gl_buf_free(&longv);
    gl_lex_free(lex);
}

/* Attributes given to several entries in turn (each entry's list must
 * move as it grows) stay in order with their values; replacing a value
 * leaves the others alone. */
static void test_interleaved_attrs(void)
{
    struct gl_lexicon *lex = gl_lex_new();
    const char *names[] = {"alpha", "beta", "gamma"};
    char key[16], val[16];
    size_t e, i, bad = 0;

    for (e = 0; e < 3; e++)
        CHECK(gl_lex_add(lex, names[e], strlen(names[e])) == (long)e);
    for (i = 0; i < 40; i++)
        for (e = 0; e < 3; e++) {
            if (e == 1 && i % 2) continue; /* uneven lengths */
            snprintf(key, sizeof key, "k%zu", i);
            snprintf(val, sizeof val, "%s-%zu", names[e], i);
            gl_lex_set_attr(lex, (uint32_t)e, key, val, strlen(val));
        }
    gl_lex_set_attr(lex, 2, "k7", "new", 3);
    for (e = 0; e < 3; e++) {
        size_t want = e == 1 ? 20 : 40, j = 0;
        CHECKF(gl_lex_nattrs(lex, (uint32_t)e) == want, "entry %zu: %zu", e,
               gl_lex_nattrs(lex, (uint32_t)e));
        for (i = 0; i < 40; i++) {
            const char *k, *v;
            size_t vl;
            if (e == 1 && i % 2) continue;
            snprintf(key, sizeof key, "k%zu", i);
            snprintf(val, sizeof val, "%s-%zu", names[e], i);
            if (e == 2 && i == 7) strcpy(val, "new");
            gl_lex_attr(lex, (uint32_t)e, j++, &k, &v, &vl);
            if (!k || strcmp(k, key) || strcmp(v, val) || vl != strlen(val))
                bad++;
        }
    }
    CHECKF(bad == 0, "%zu attributes differ", bad);
    gl_lex_free(lex);
}

int main(void)
{
    RUN(test_load_buffer);
    RUN(test_casefold);
    RUN(test_apostrophe);
    RUN(test_longest);
    RUN(test_token_boundaries);
    RUN(test_leftmost_nonoverlap);
    RUN(test_unicode_entries);
    RUN(test_lookup);
    RUN(test_duplicate_merge);
    RUN(test_bad_files);
    RUN(test_load_file);
    RUN(test_scan_range_and_stop);
    RUN(test_second_scan_same);
    RUN(test_long_token);
    RUN(test_big);
    RUN(test_big_file_round_trip);
    RUN(test_interleaved_attrs);
    return check_done();
}

/* test_re.c - unit tests of core/re.c: compile errors, flags, find-all
 * iteration (empty matches, CRLF, ranges), captures, limits, and a
 * JIT-versus-interpreter differential test. */
#include <stdlib.h>
#include <string.h>

#include <pcre2.h>

#include "check.h"
#include "budget.h"
#include "re.h"

#define MAXM 64

/* All matches of pat over s[from,to) as flat (start,end) pairs. Returns
 * the number of pairs, or the negative status of a failing call. */
static int find_all(const char *pat, unsigned flags, const char *s,
                    size_t from, size_t to, size_t *out, struct gl_err *err)
{
    struct gl_re *re = gl_re_compile(pat, strlen(pat), flags, err);
    struct gl_re_iter it;
    size_t ov[2 * 16];
    int n = 0, rc;

    if (!re) return err->code;
    gl_re_iter_init(&it, re, s, from, to);
    while ((rc = gl_re_iter_next(&it, ov, err)) == 1 && n < MAXM) {
        out[2 * n] = ov[0];
        out[2 * n + 1] = ov[1];
        n++;
    }
    gl_re_free(re);
    return rc < 0 ? rc : n;
}

static int same_pairs(const size_t *got, int n, const size_t *want, int wn)
{
    int i;

    if (n != wn) return 0;
    for (i = 0; i < 2 * n; i++)
        if (got[i] != want[i]) return 0;
    return 1;
}

static void print_pairs(const char *label, const size_t *p, int n)
{
    int i;

    printf("#   %s:", label);
    for (i = 0; i < n; i++) printf(" (%zu,%zu)", p[2 * i], p[2 * i + 1]);
    printf("\n");
}

struct all_case {
    const char *pat;
    unsigned flags;
    const char *subj;
    int n;
    size_t want[16];
};

static void run_all_cases(const struct all_case *c, size_t ncases)
{
    size_t i;

    for (i = 0; i < ncases; i++) {
        struct gl_err err = {0};
        size_t got[2 * MAXM];
        int n = find_all(c[i].pat, c[i].flags, c[i].subj, 0,
                         strlen(c[i].subj), got, &err);
        CHECKF(same_pairs(got, n, c[i].want, c[i].n), "case %zu /%s/ -> %d (%s)",
               i, c[i].pat, n, n < 0 ? err.msg : "");
        if (n >= 0 && !same_pairs(got, n, c[i].want, c[i].n))
            print_pairs("got", got, n);
    }
}

static void test_compile_errors(void)
{
    static const struct {
        const char *pat;
        size_t len;
        int code;
        size_t offset;
        const char *msg_part;
    } cases[] = {
        {"a(b", 3, GL_ERE, 3, "missing closing parenthesis at offset 3"},
        {"[z-a]", 5, GL_ERE, 3, "range out of order"},
        {"\\C", 2, GL_ERE, 2, "\\C"},
        {"ab\xff", 3, GL_ERE, 2, "invalid UTF-8"},
        {"\xc3\xa9\xe2\x82", 4, GL_ERE, 2, "offset 2"}, /* é + truncated € */
        {"x{2,1}", 6, GL_ERE, 5, "out of order"},
    };
    size_t i;

    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct gl_err err = {0};
        struct gl_re *re = gl_re_compile(cases[i].pat, cases[i].len, 0, &err);
        CHECKF(re == NULL, "case %zu compiled", i);
        gl_re_free(re);
        CHECKF(err.code == cases[i].code, "case %zu code %d", i, err.code);
        CHECKF(err.offset == cases[i].offset, "case %zu offset %zu", i,
               err.offset);
        CHECKF(strstr(err.msg, cases[i].msg_part) != NULL, "case %zu msg '%s'",
               i, err.msg);
    }
}

static void test_too_big(void)
{
    size_t n = 64 * 1024 + 1;
    char *p = malloc(n);
    struct gl_err err = {0};
    struct gl_re *re;

    /* one long comment: 64 KiB of literal text would overflow PCRE2's
     * own compiled-size limit instead */
    memset(p, 'a', n);
    memcpy(p, "(?#", 3);
    p[n - 2] = ')';
    re = gl_re_compile(p, n, 0, &err);
    CHECK(re == NULL);
    CHECK(err.code == GL_ETOOBIG);
    re = gl_re_compile(p, n - 1, 0, &err); /* exactly 64 KiB is allowed */
    CHECK(re != NULL);
    gl_re_free(re);
    free(p);
}

static void test_parse_flags(void)
{
    unsigned f = 99;
    char bad = 0;

    CHECK(gl_re_parse_flags("", &f, &bad) == 0 && f == 0);
    CHECK(gl_re_parse_flags("i", &f, &bad) == 0 && f == GL_RE_CASELESS);
    CHECK(gl_re_parse_flags("ixmsl", &f, &bad) == 0 &&
          f == (GL_RE_CASELESS | GL_RE_EXTENDED | GL_RE_MULTILINE |
                GL_RE_DOTALL | GL_RE_LITERAL));
    CHECK(gl_re_parse_flags("iq", &f, &bad) == -1 && bad == 'q');
    CHECK(gl_re_parse_flags("I", &f, &bad) == -1 && bad == 'I');
}

static void test_flags(void)
{
    static const struct all_case c[] = {
        {"abc", 0, "xABC abc", 1, {5, 8}},
        {"abc", GL_RE_CASELESS, "xABC abc", 2, {1, 4, 5, 8}},
        {"a b c # comment", GL_RE_EXTENDED, "abc a b c", 1, {0, 3}},
        {"^b", 0, "a\nb", 0, {0}},
        {"^b", GL_RE_MULTILINE, "a\nb", 1, {2, 3}},
        {"a.b", 0, "a\nb a-b", 1, {4, 7}},
        {"a.b", GL_RE_DOTALL, "a\nb a-b", 2, {0, 3, 4, 7}},
        {"a.b(", GL_RE_LITERAL, "axb( a.b(", 1, {5, 9}},
        {"a+b(c)*", GL_RE_LITERAL, "aab a+b(c)*", 1, {4, 11}},
        {"\\w", GL_RE_LITERAL, "\\w w", 1, {0, 2}},
    };

    run_all_cases(c, sizeof c / sizeof c[0]);
}

/* Perl semantics (checked with perl -e '$_="baaac"; print "$-[0],$+[0] "
 * while m{a*}g'): an empty match at 0, the run of a's, then an empty
 * match right where the non-empty one ended (only two empty matches in a
 * row at one place are forbidden), and one at the end of the subject.
 * After an empty match the same place is retried for a non-empty one,
 * hence a*? on "aa" gives (0,0) (0,1) (1,1) (1,2) (2,2), as in Perl. */
static void test_empty_star(void)
{
    static const struct all_case c[] = {
        {"a*", 0, "baaac", 4, {0, 0, 1, 4, 4, 4, 5, 5}},
        {"a*", 0, "", 1, {0, 0}},
        {"a*?", 0, "aa", 5, {0, 0, 0, 1, 1, 1, 1, 2, 2, 2}},
        {"x*", 0, "ab", 3, {0, 0, 1, 1, 2, 2}},
    };

    run_all_cases(c, sizeof c / sizeof c[0]);
}

/* é is 2 bytes, € 3, 😀 4: an empty pattern matches only at 0, 2, 5, 9. */
static void test_empty_multibyte(void)
{
    static const struct all_case c[] = {
        {"", 0, "\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80", 4,
         {0, 0, 2, 2, 5, 5, 9, 9}},
        {"(?=.)|$", 0, "\xc3\xa9\xe2\x82\xac", 3, {0, 0, 2, 2, 5, 5}},
    };

    run_all_cases(c, sizeof c / sizeof c[0]);
}

/* After an empty match before "\r\n" the iterator steps over both bytes:
 * stopping between CR and LF would report a bogus (2,2) for (?m)$. */
static void test_crlf(void)
{
    static const struct all_case c[] = {
        {"$", 0, "a\r\nb\r\n", 2, {4, 4, 6, 6}},
        {"(?m)$", 0, "a\r\n\r\nb", 3, {1, 1, 3, 3, 6, 6}},
        {"(?m)^", 0, "a\r\nb\rc\nd", 4, {0, 0, 3, 3, 5, 5, 7, 7}},
        {"^", GL_RE_MULTILINE, "a\r\nb\r\n", 2, {0, 0, 3, 3}},
        {"\\R", 0, "a\r\nb\rc\nd", 3, {1, 3, 4, 5, 6, 7}},
        {"(?m)", 0, "\r\n\r\n", 3, {0, 0, 2, 2, 4, 4}},
    };

    run_all_cases(c, sizeof c / sizeof c[0]);
}

/* UCP: \w and \b follow Unicode, so Arabic, Greek and accented words are
 * whole words. */
static void test_ucp_words(void)
{
    static const struct all_case c[] = {
        {"\\b\\w+\\b", 0,
         "\xd9\x85\xd8\xb1\xd8\xad\xd8\xa8\xd8\xa7 " /* مرحبا */
         "\xce\x91\xce\xb8\xce\xae\xce\xbd\xce\xb1 " /* Αθήνα */
         "caf\xc3\xa9, na\xc3\xafve.",
         4, {0, 10, 11, 21, 22, 27, 29, 35}},
        {"\\d+", 0, "\xd9\xa1\xd9\xa2 34", 2, {0, 4, 5, 7}}, /* ١٢ 34 */
    };

    run_all_cases(c, sizeof c / sizeof c[0]);
}

static void test_captures(void)
{
    const char *pat = "(?<year>\\d{4})-(\\d{2})-(?<day>\\d{2})";
    const char *s = "on 2024-03-15.";
    struct gl_err err = {0};
    struct gl_re *re = gl_re_compile(pat, strlen(pat), 0, &err);
    size_t ov[8];
    uint32_t g = 0;

    CHECK(re != NULL);
    if (!re) return;
    CHECK(gl_re_ncaptures(re) == 3);
    CHECK(gl_re_nnames(re) == 2);
    /* PCRE2 keeps the name table sorted by name. */
    CHECK(strcmp(gl_re_name(re, 0, &g), "day") == 0 && g == 3);
    CHECK(strcmp(gl_re_name(re, 1, &g), "year") == 0 && g == 1);
    CHECK(gl_re_name(re, 2, &g) == NULL);
    CHECK(strcmp(gl_re_pattern(re), pat) == 0);
    CHECK(gl_re_find(re, s, 0, strlen(s), ov, &err) == 1);
    CHECK(ov[0] == 3 && ov[1] == 13);
    CHECK(ov[2] == 3 && ov[3] == 7);
    CHECK(ov[4] == 8 && ov[5] == 10);
    CHECK(ov[6] == 11 && ov[7] == 13);
    CHECK(gl_re_find(re, s, 4, strlen(s), ov, &err) == 0);
    gl_re_free(re);
}

static void test_unset_capture(void)
{
    static const struct {
        const char *pat, *subj;
        size_t want[6];
    } cases[] = {
        {"(a)|(b)", "b", {0, 1, GL_RE_UNSET, GL_RE_UNSET, 0, 1}},
        {"(b)|(a)", "b", {0, 1, 0, 1, GL_RE_UNSET, GL_RE_UNSET}},
        {"x(y)?(z)?", "xz", {0, 2, GL_RE_UNSET, GL_RE_UNSET, 1, 2}},
    };
    size_t i, k;

    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct gl_err err = {0};
        struct gl_re *re = gl_re_compile(cases[i].pat, strlen(cases[i].pat),
                                         0, &err);
        size_t ov[6];

        CHECK(re && gl_re_ncaptures(re) == 2);
        if (!re) continue;
        memset(ov, 0x55, sizeof ov);
        CHECK(gl_re_find(re, cases[i].subj, 0, strlen(cases[i].subj), ov,
                         &err) == 1);
        for (k = 0; k < 6; k++)
            CHECKF(ov[k] == cases[i].want[k], "case %zu ov[%zu]=%zu", i, k,
                   ov[k]);
        gl_re_free(re);
    }
}

/* The subject is cut at `to` (so a match that would cross it is not
 * returned, and $ and \b see `to` as the end), while lookbehind may look
 * before `from`. */
static void test_range(void)
{
    const char *s = "xx abc abcd yy";
    struct gl_err err = {0};
    size_t got[2 * MAXM];
    int n;

    n = find_all("abcd", 0, s, 0, 9, got, &err); /* "abcd" ends at 11 */
    CHECK(n == 0);
    n = find_all("abc", 0, s, 4, 14, got, &err); /* first abc starts at 3 */
    CHECK(n == 1 && got[0] == 7 && got[1] == 10);
    n = find_all("abc", 0, s, 3, 14, got, &err);
    CHECK(n == 2 && got[0] == 3 && got[2] == 7);
    n = find_all("(?<=x)\\s", 0, s, 2, 14, got, &err);
    CHECK(n == 1 && got[0] == 2 && got[1] == 3);
    n = find_all("(?<= )a", 0, s, 3, 14, got, &err);
    CHECK(n == 2 && got[0] == 3 && got[2] == 7);
    n = find_all("a(?=b)", 0, "ab", 0, 1, got, &err); /* no peeking at `to` */
    CHECK(n == 0);
    n = find_all("\\w+$", 0, s, 0, 9, got, &err);
    CHECK(n == 1 && got[0] == 7 && got[1] == 9);
    n = find_all("\\w+\\b", 0, s, 3, 5, got, &err);
    CHECK(n == 1 && got[0] == 3 && got[1] == 5);
    n = find_all("x", 0, s, 5, 5, got, &err); /* empty range */
    CHECK(n == 0);
    n = find_all("", 0, s, 5, 5, got, &err);
    CHECK(n == 1 && got[0] == 5 && got[1] == 5);
}

static void test_range_errors(void)
{
    const char *s = "a\xc3\xa9z"; /* a é z */
    struct gl_err err = {0};
    struct gl_re *re = gl_re_compile("z", 1, 0, &err);
    size_t ov[2];
    struct gl_re_iter it;

    CHECK(re != NULL);
    if (!re) return;
    CHECK(gl_re_find(re, s, 2, 4, ov, &err) == GL_ERE); /* mid é */
    CHECK(gl_re_find(re, s, 0, 2, ov, &err) == GL_ERE);
    CHECK(gl_re_find(re, s, 3, 1, ov, &err) == GL_ERE);
    CHECK(gl_re_find(re, s, 1, 4, ov, &err) == 1 && ov[0] == 3);
    gl_re_iter_init(&it, re, s, 2, 4);
    CHECK(gl_re_iter_next(&it, ov, &err) == GL_ERE);
    CHECK(gl_re_iter_next(&it, ov, &err) == 0); /* stays finished */
    gl_re_free(re);
}

static void test_caseless_unicode(void)
{
    static const struct all_case c[] = {
        {"\xc3\xa9""cole", GL_RE_CASELESS, "\xc3\x89""COLE", 1, {0, 6}},
        {"\xc3\x89""COLE", GL_RE_CASELESS, "l'\xc3\xa9""cole", 1, {2, 8}},
        {"\xce\xb1\xce\xb8\xce\xae\xce\xbd\xce\xb1", GL_RE_CASELESS,
         "\xce\x91\xce\x98\xce\x89\xce\x9d\xce\x91", 1, {0, 10}}, /* ΑΘΉΝΑ */
        {"\xc3\x89.x", GL_RE_CASELESS | GL_RE_LITERAL, "\xc3\xa9.X \xc3\xa9yx",
         1, {0, 4}},
        {"\xc3\xa9""cole", 0, "\xc3\x89""COLE", 0, {0}},
    };

    run_all_cases(c, sizeof c / sizeof c[0]);
}

/* (a+)+$ against 30 a's and a b backtracks exponentially; a small match
 * limit must stop it with GL_ELIMIT, with and without JIT. */
static void test_catastrophic(void)
{
    const char *pat = "(a+)+$";
    char s[40];
    unsigned modes[2] = {0, GL_RE_NOJIT};
    int m;

    memset(s, 'a', 30);
    s[30] = 'b';
    s[31] = '\0';
    for (m = 0; m < 2; m++) {
        struct gl_err err = {0};
        struct gl_re *re = gl_re_compile(pat, strlen(pat), modes[m], &err);
        size_t ov[4];

        CHECK(re != NULL);
        if (!re) continue;
        gl_re_set_limits(re, 10000, GL_RE_DEPTH_LIMIT, GL_RE_HEAP_LIMIT_KB);
        CHECKF(gl_re_find(re, s, 0, 31, ov, &err) == GL_ELIMIT, "mode %d", m);
        CHECKF(strstr(err.msg, "match limit") != NULL, "msg '%s'", err.msg);
        gl_re_free(re);
    }
}

/* The interpreter's depth limit (JIT ignores it) also maps to GL_ELIMIT. */
static void test_depth_limit(void)
{
    const char *pat = "(a|b)*\\d"; /* no required literal to pre-check */
    char s[2001];
    struct gl_err err = {0};
    struct gl_re *re = gl_re_compile(pat, strlen(pat), GL_RE_NOJIT, &err);
    size_t ov[4];

    memset(s, 'a', 2000);
    s[2000] = '\0';
    CHECK(re != NULL && !gl_re_jitted(re));
    if (!re) return;
    gl_re_set_limits(re, GL_RE_MATCH_LIMIT, 50, GL_RE_HEAP_LIMIT_KB);
    CHECK(gl_re_find(re, s, 0, 2000, ov, &err) == GL_ELIMIT);
    CHECKF(strstr(err.msg, "depth limit") != NULL, "msg '%s'", err.msg);
    gl_re_free(re);
}

/* Choice: \K inside a lookaround would give a match whose start is after
 * its end. PCRE2 10.38+ refuses such patterns at compile time, and re.c
 * would also reject the match at run time with GL_ERE rather than clamp.
 * A plain \K is fine. */
static void test_k_lookaround(void)
{
    static const char *bad[] = {"(?=ab\\K)", "(?<=\\Ka)b", "a(?=b\\K)"};
    static const struct all_case ok[] = {
        {"a\\Kb", 0, "xab ab", 2, {2, 3, 5, 6}},
    };
    size_t i;

    for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        struct gl_err err = {0};
        struct gl_re *re = gl_re_compile(bad[i], strlen(bad[i]), 0, &err);
        CHECKF(re == NULL && err.code == GL_ERE, "/%s/", bad[i]);
        CHECKF(strstr(err.msg, "\\K") != NULL, "msg '%s'", err.msg);
        gl_re_free(re);
    }
    run_all_cases(ok, 1);
}

static void test_jit_flag(void)
{
    uint32_t have_jit = 0;
    struct gl_err err = {0};
    struct gl_re *a = gl_re_compile("a+", 2, 0, &err);
    struct gl_re *b = gl_re_compile("a+", 2, GL_RE_NOJIT, &err);

    pcre2_config(PCRE2_CONFIG_JIT, &have_jit);
    CHECK(a && b);
    if (a && b) {
        CHECK(gl_re_jitted(a) == (int)have_jit);
        CHECK(gl_re_jitted(b) == 0);
    }
    if (!have_jit) printf("# PCRE2 has no JIT here: differential test is weak\n");
    gl_re_free(a);
    gl_re_free(b);
}

/* ---- randomized differential test: JIT versus interpreter ---- */

static uint32_t lcg_state = 12345;

static uint32_t rnd(uint32_t n)
{
    lcg_state = lcg_state * 1103515245u + 12345u;
    return ((lcg_state >> 16) & 0x7fff) % n;
}

static int on_boundary(const char *s, size_t i)
{
    return (((unsigned char)s[i]) & 0xC0) != 0x80;
}

/* Run the whole iteration; records pairs (and group 1) and the final
 * status. */
static int collect(struct gl_re *re, const char *s, size_t from, size_t to,
                   size_t *out, int *status)
{
    struct gl_re_iter it;
    size_t ov[2 * 8];
    struct gl_err err = {0};
    int n = 0, rc;

    gl_re_iter_init(&it, re, s, from, to);
    while ((rc = gl_re_iter_next(&it, ov, &err)) == 1 && n < MAXM) {
        out[4 * n] = ov[0];
        out[4 * n + 1] = ov[1];
        out[4 * n + 2] = gl_re_ncaptures(re) ? ov[2] : 0;
        out[4 * n + 3] = gl_re_ncaptures(re) ? ov[3] : 0;
        n++;
    }
    *status = rc;
    return n;
}

static void test_differential(void)
{
    static const char *pieces[] = {
        "a", "b", "\xc3\xa9", ".", "\\w", "\\W", "\\b", "\\s", "*", "+",
        "?", "*?", "|", "(", ")", "^", "$", "[a\xc3\xa9]", "[^b]", "\\R",
        "\xe2\x82\xac", "(?m)", "(?i)", "x{0,2}", "\\d", "(?=a)", "(?<=b)",
    };
    static const char *chars[] = {
        "a", "b", "A", "\xc3\xa9", "\xc3\x89", "\xe2\x82\xac",
        "\xf0\x9f\x98\x80", " ", "\n", "\r\n", "\r", "1",
    };
    const int ncases = 4000;
    int c, compiled = 0, fails = 0;

    for (c = 0; c < ncases && fails < 5; c++) {
        char pat[128], s[64];
        size_t plen = 0, slen = 0, from, to, i;
        int np = 1 + (int)rnd(6), ns = (int)rnd(10), k;
        struct gl_err e1 = {0}, e2 = {0};
        struct gl_re *jit, *interp;
        size_t m1[4 * MAXM], m2[4 * MAXM];
        int n1, n2, st1, st2, ok = 1;

        for (k = 0; k < np; k++) {
            const char *p = pieces[rnd(sizeof pieces / sizeof pieces[0])];
            memcpy(pat + plen, p, strlen(p));
            plen += strlen(p);
        }
        pat[plen] = '\0';
        for (k = 0; k < ns; k++) {
            const char *p = chars[rnd(sizeof chars / sizeof chars[0])];
            memcpy(s + slen, p, strlen(p));
            slen += strlen(p);
        }
        s[slen] = '\0';
        /* a random boundary range inside the subject */
        from = rnd((uint32_t)slen + 1);
        while (!on_boundary(s, from)) from--;
        to = from + rnd((uint32_t)(slen - from) + 1);
        while (to < slen && !on_boundary(s, to)) to++;

        jit = gl_re_compile(pat, plen, 0, &e1);
        interp = gl_re_compile(pat, plen, GL_RE_NOJIT, &e2);
        CHECKF(!jit == !interp, "compile disagrees on /%s/", pat);
        if (!jit || !interp) {
            gl_re_free(jit);
            gl_re_free(interp);
            continue;
        }
        compiled++;
        n1 = collect(jit, s, from, to, m1, &st1);
        n2 = collect(interp, s, from, to, m2, &st2);
        if (n1 != n2 || st1 != st2 || memcmp(m1, m2, 4 * sizeof *m1 * n1)) ok = 0;
        for (i = 0; ok && i < (size_t)n1; i++) {
            size_t a = m1[4 * i], b = m1[4 * i + 1];
            if (a > b || a < from || b > to || !on_boundary(s, a) ||
                !on_boundary(s, b))
                ok = 0;
            if (i > 0 && (a < m1[4 * i - 4] || b < m1[4 * i - 3] ||
                          (a == m1[4 * i - 4] && b == m1[4 * i - 3])))
                ok = 0; /* not advancing, or a repeat */
        }
        CHECKF(ok, "case %d /%s/ on '%s' [%zu,%zu): jit %d/%d interp %d/%d",
               c, pat, s, from, to, n1, st1, n2, st2);
        if (!ok) fails++;
        gl_re_free(jit);
        gl_re_free(interp);
    }
    CHECK(compiled > ncases / 3); /* the generator is not all syntax errors */
    printf("# differential: %d of %d random patterns compiled\n", compiled,
           ncases);
}

/* The match limit resets at every start position, so only the deadline
 * callout bounds a pattern that backtracks at each of many positions. */
static void deadline_case(const char *pat, size_t n)
{
    size_t ov[2];
    char *subj = malloc(n + 1);
    struct gl_err err = {0};
    struct gl_re *re;
    uint64_t t0, ms;
    int rc;

    memset(subj, 'a', n);
    subj[n] = '\0';
    re = gl_re_compile(pat, strlen(pat), 0, &err);
    CHECKF(re != NULL, "%s", err.msg);
    if (!re) { free(subj); return; }
    gl_budget_arm(200);
    t0 = gl_now_ns();
    rc = gl_re_find(re, subj, 0, n, ov, &err);
    ms = (gl_now_ns() - t0) / 1000000u;
    gl_budget_disarm();
    CHECKF(rc == GL_ELIMIT, "rc %d", rc);
    CHECKF(strstr(err.msg, "time limit (200 ms)") != NULL, "%s", err.msg);
    CHECKF(ms < 2000, "stopped after %llu ms", (unsigned long long)ms);
    printf("# deadline 200 ms: /%s/ stopped after %llu ms\n", pat,
           (unsigned long long)ms);
    /* disarmed, the same regex still works on a small subject */
    rc = gl_re_find(re, "aaax", 0, 4, ov, &err);
    CHECK(rc == 1 && ov[0] == 0 && ov[1] == 4);
    gl_re_free(re);
    free(subj);
}

static void test_deadline(void)
{
    deadline_case("\\w{0,300}\\w{0,300}[xz]", 200000);   /* sliced search */
    deadline_case("\\w{0,300}\\w{0,300}[xz](*COMMIT)", 200000); /* callout */
}

/* The callout goes after leading (*VERB)s; error offsets stay the user's. */
static void test_callout_placement(void)
{
    struct gl_err err = {0};
    struct gl_re *re = gl_re_compile("(*LIMIT_MATCH=1000)(*UTF)ab|cd", 30, 0, &err);
    size_t ov[2];

    CHECKF(re != NULL, "%s", err.msg);
    if (re) {
        CHECK(gl_re_find(re, "xxcd", 0, 4, ov, &err) == 1 && ov[0] == 2);
        gl_re_free(re);
    }
    CHECK(gl_re_compile("ab(", 3, 0, &err) == NULL && err.offset == 3);
    CHECK(gl_re_compile("(*UTF)a)", 8, 0, &err) == NULL && err.offset == 7);
}

int main(void)
{
    RUN(test_deadline);
    RUN(test_callout_placement);
    RUN(test_compile_errors);
    RUN(test_too_big);
    RUN(test_parse_flags);
    RUN(test_flags);
    RUN(test_empty_star);
    RUN(test_empty_multibyte);
    RUN(test_crlf);
    RUN(test_ucp_words);
    RUN(test_captures);
    RUN(test_unset_capture);
    RUN(test_range);
    RUN(test_range_errors);
    RUN(test_caseless_unicode);
    RUN(test_catastrophic);
    RUN(test_depth_limit);
    RUN(test_k_lookaround);
    RUN(test_jit_flag);
    RUN(test_differential);
    return check_done();
}

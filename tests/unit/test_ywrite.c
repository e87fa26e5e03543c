/* test_ywrite.c - unit tests of the scalar writers and the plain-style
 * decision (core/ywrite.c, core/yform.c): every byte in every lane of the
 * 8-byte fast path, and plain_ok against its definition. Tests layer.
 * test_emit.c checks the escapes themselves against libyaml. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "util.h"
#include "yform.h"
#include "ywrite.h"

static int to_buf(void *ctx, const char *p, size_t n)
{
    gl_buf_add(ctx, p, n);
    return 0;
}

/* gl_yw_quoted(s) as a NUL-terminated string (caller frees). */
static char *quoted(const char *s, size_t len)
{
    struct gl_buf b = {0};
    struct gl_yw w;

    gl_yw_init(&w, to_buf, &b);
    gl_yw_quoted(&w, s, len);
    gl_yw_flush(&w);
    gl_yw_free(&w);
    gl_buf_putc(&b, '\0');
    return b.p;
}

static void test_quoted_fixed(void)
{
    static const struct {
        const char *in, *want;
    } cases[] = {
        {"", "\"\""},
        {"plain text, 100% (ok)", "\"plain text, 100% (ok)\""},
        {"say \"hi\" \\ now", "\"say \\\"hi\\\" \\\\ now\""},
        {"tab\there and\nthere", "\"tab\\there and\\nthere\""},
        {"del\x7f and \x01", "\"del\\x7F and \\x01\""},
        {"caf\xC3\xA9 na\xC3\xAFve \xE2\x80\xA8!",
         "\"caf\xC3\xA9 na\xC3\xAFve \\L!\""},
        {"12345678\"12345678", "\"12345678\\\"12345678\""},
    };

    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char *got = quoted(cases[i].in, strlen(cases[i].in));
        CHECKF(strcmp(got, cases[i].want) == 0, "%zu: %s, want %s", i, got,
               cases[i].want);
        free(got);
    }
}

/* A byte (or a character) at each position of runs of plain text up to
 * 24 bytes long is written exactly as alone, with the text around it
 * unchanged: the word-at-a-time scan must stop for every byte it may not
 * copy and for no other. */
static void test_quoted_every_lane(void)
{
    static const char *const seqs[] = {"\xC3\xA9", "\xE2\x80\xA8",
                                       "\xF0\x9F\x98\x80", "\xC2\x85"};
    char in[64], want[128];
    int bad = 0;

    /* single bytes: ASCII and lone continuation bytes (which are copied);
     * a lead byte alone would not be UTF-8, so those come as characters */
    for (int c = 1; c < 256 + 4 && bad < 5; c++) {
        char one[8];
        size_t olen;
        char *alone, *got;

        if (c >= 0xC0 && c < 256) continue;
        if (c < 256) {
            one[0] = (char)c;
            olen = 1;
        } else {
            olen = strlen(seqs[c - 256]);
            memcpy(one, seqs[c - 256], olen);
        }
        alone = quoted(one, olen); /* "X" with X the written form */
        for (size_t pre = 0; pre <= 17; pre++) {
            for (size_t post = 0; post <= 9; post++) {
                size_t n = 0, m = 0, alen = strlen(alone);
                for (size_t k = 0; k < pre; k++) in[n++] = (char)('a' + k % 26);
                memcpy(in + n, one, olen), n += olen;
                for (size_t k = 0; k < post; k++) in[n++] = (char)('0' + k);
                want[m++] = '"';
                memcpy(want + m, in, pre), m += pre;
                memcpy(want + m, alone + 1, alen - 2), m += alen - 2;
                memcpy(want + m, in + pre + olen, post), m += post;
                want[m++] = '"';
                want[m] = '\0';
                got = quoted(in, n);
                if (strcmp(got, want) != 0 && bad++ < 5)
                    CHECKF(0, "byte %d at %zu of %zu: %s, want %s", c, pre,
                           n, got, want);
                free(got);
            }
        }
        /* plain ASCII is written as is, anything else is not */
        if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\')
            CHECKF(strlen(alone) == olen + 2 &&
                       memcmp(alone + 1, one, olen) == 0,
                   "byte %d escaped: %s", c, alone);
        else if (c < 0x80)
            CHECKF(alone[1] == '\\', "byte %d not escaped: %s", c, alone);
        free(alone);
    }
}

/* The definition: ^[A-Za-z][A-Za-z0-9_./-]*$ and not one of the YAML 1.1
 * booleans or null words in any case. */
static int ref_plain(const char *s, size_t len)
{
    static const char *const words[] = {"y", "n", "yes", "no", "on", "off",
                                        "true", "false", "null"};
    char low[16];

    if (!len) return 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        int alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        int other = (c >= '0' && c <= '9') || c == '_' || c == '.' ||
                    c == '/' || c == '-';
        if (!alpha && (i == 0 || !other)) return 0;
    }
    if (len >= sizeof low) return 1;
    for (size_t i = 0; i < len; i++)
        low[i] = (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] - 'A' + 'a' : s[i]);
    low[len] = '\0';
    for (size_t i = 0; i < sizeof words / sizeof *words; i++)
        if (strcmp(low, words[i]) == 0) return 0;
    return 1;
}

static void test_plain_ok_words(void)
{
    static const struct {
        const char *s;
        int want;
    } cases[] = {
        {"y", 0},     {"Y", 0},       {"n", 0},      {"yes", 0},
        {"YES", 0},   {"No", 0},      {"on", 0},     {"OFF", 0},
        {"true", 0},  {"False", 0},   {"NULL", 0},   {"x", 1},
        {"yess", 1},  {"nope", 1},    {"onn", 1},    {"truth", 1},
        {"falsey", 1}, {"nul", 1},    {"Iraq", 1},   {"a.b/c-d_e", 1},
        {"1a", 0},    {"_a", 0},      {"a b", 0},    {"a:b", 0},
        {"", 0},      {"caf\xC3\xA9", 0}, {"lib/news_actors.lua", 1},
    };

    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
        CHECKF(gl_yform_plain_ok(cases[i].s, strlen(cases[i].s)) ==
                   cases[i].want,
               "%s", cases[i].s);
}

/* Every string of up to 4 bytes over an alphabet that covers each class
 * (and the reserved words' letters in both cases), against ref_plain. */
static void test_plain_ok_exhaustive(void)
{
    static const char alpha[] = "aAeEfFlLnNoOrRsStTuUyYzZ09_./- :\x80";
    size_t na = sizeof alpha - 1;
    char s[5];
    int bad = 0;

    for (size_t len = 1; len <= 4; len++) {
        size_t total = 1;
        for (size_t k = 0; k < len; k++) total *= na;
        for (size_t code = 0; code < total && bad < 5; code++) {
            size_t c = code;
            for (size_t k = 0; k < len; k++, c /= na) s[k] = alpha[c % na];
            if (gl_yform_plain_ok(s, len) != ref_plain(s, len)) {
                bad++;
                CHECKF(0, "%.*s: %d", (int)len, s, gl_yform_plain_ok(s, len));
            }
        }
    }
    /* the reserved words are only those lengths: longer ones are plain */
    CHECK(gl_yform_plain_ok("falsefalse", 10));
    CHECK(!gl_yform_plain_ok("FaLsE", 5));
}

int main(void)
{
    RUN(test_quoted_fixed);
    RUN(test_quoted_every_lane);
    RUN(test_plain_ok_words);
    RUN(test_plain_ok_exhaustive);
    return check_done();
}

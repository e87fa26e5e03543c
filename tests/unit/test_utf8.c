/* test_utf8.c - unit tests of core/utf8.c: tables of invalid and valid
 * sequences, exhaustive agreement with an independent reference decoder,
 * and encode/next/prev round trips over every scalar value. */
#include <stdint.h>
#include <string.h>

#include "check.h"
#include "utf8.h"

struct bad_case {
    const char *what;
    const char *s;
    size_t len;
    size_t bad; /* offset of the first bad sequence within s */
};

#define S(lit) lit, sizeof(lit) - 1

static const struct bad_case bad_cases[] = {
    {"overlong 2-byte NUL C0 80", S("\xC0\x80"), 0},
    {"overlong 2-byte C0 AF", S("\xC0\xAF"), 0},
    {"overlong 2-byte C1 BF", S("\xC1\xBF"), 0},
    {"overlong 3-byte E0 80 80", S("\xE0\x80\x80"), 0},
    {"overlong 3-byte U+07FF E0 9F BF", S("\xE0\x9F\xBF"), 0},
    {"overlong 4-byte F0 80 80 80", S("\xF0\x80\x80\x80"), 0},
    {"overlong 4-byte U+FFFF F0 8F BF BF", S("\xF0\x8F\xBF\xBF"), 0},
    {"surrogate U+D800 ED A0 80", S("\xED\xA0\x80"), 0},
    {"surrogate U+DFFF ED BF BF", S("\xED\xBF\xBF"), 0},
    {"surrogate pair as CESU-8", S("\xED\xAF\xBF\xED\xB0\x80"), 0},
    {"above U+10FFFF F4 90 80 80", S("\xF4\x90\x80\x80"), 0},
    {"above U+10FFFF F4 BF BF BF", S("\xF4\xBF\xBF\xBF"), 0},
    {"lead F5", S("\xF5\x80\x80\x80"), 0},
    {"lead F7", S("\xF7\xBF\xBF\xBF"), 0},
    {"5-byte form F8", S("\xF8\x88\x80\x80\x80"), 0},
    {"6-byte form FC", S("\xFC\x84\x80\x80\x80\x80"), 0},
    {"lead FE", S("\xFE"), 0},
    {"lead FF", S("\xFF"), 0},
    {"lone continuation 80", S("\x80"), 0},
    {"lone continuation BF", S("\xBF"), 0},
    {"extra continuation after e-acute", S("\xC3\xA9\x80"), 2},
    {"continuation after 4-byte", S("\xF0\x9F\x98\x80\xBF"), 4},
    {"truncated 2-byte at end", S("\xC3"), 0},
    {"truncated 3-byte at end", S("\xE2\x82"), 0},
    {"truncated 3-byte at end, 1 byte", S("\xE2"), 0},
    {"truncated 4-byte at end", S("\xF0\x9F\x98"), 0},
    {"truncated 2-byte mid-string", S("\xC3" "A"), 0},
    {"truncated 3-byte mid-string", S("\xE2\x82" "A"), 0},
    {"truncated 4-byte mid-string", S("\xF0\x9F\x98" "A"), 0},
    {"3-byte with bad second byte", S("\xE2\x41\x82"), 0},
    {"lead followed by lead", S("\xC2\xC2\x80"), 0},
    {"3-byte ending in a lead", S("\xE1\x80\xC0"), 0},
    {"valid then bad", S("A\xC3\xA9\xE2\x28\xA1"), 3},
    {"truncated before space", S("\xF4\x8F\xBF "), 0},
};

/* Each bad case after prefixes of several lengths (the 13- and 24-byte ones
 * go through the 8-bytes-at-a-time ASCII path) and with text after. */
static void test_invalid_table(void)
{
    static const char *prefixes[] = {"", "xyz", "0123456789abc",
                                     "The quick brown fox jump"};
    size_t ncase = sizeof bad_cases / sizeof bad_cases[0];

    CHECK(ncase >= 25);
    for (size_t c = 0; c < ncase; c++) {
        for (size_t p = 0; p < sizeof prefixes / sizeof prefixes[0]; p++) {
            char buf[128];
            size_t pl = strlen(prefixes[p]), bad = 999, len;
            memcpy(buf, prefixes[p], pl);
            memcpy(buf + pl, bad_cases[c].s, bad_cases[c].len);
            len = pl + bad_cases[c].len;
            CHECKF(!gl_utf8_valid(buf, len, &bad), "%s accepted",
                   bad_cases[c].what);
            CHECKF(bad == pl + bad_cases[c].bad, "%s: bad %zu want %zu",
                   bad_cases[c].what, bad, pl + bad_cases[c].bad);
            /* NULL `bad` is allowed */
            CHECK(!gl_utf8_valid(buf, len, NULL));
        }
    }
}

struct good_case {
    uint32_t cp;
    const char *s;
    size_t len;
};

static const struct good_case good_cases[] = {
    {0x0000, "\x00", 1},           {0x007F, "\x7F", 1},
    {0x0080, "\xC2\x80", 2},       {0x07FF, "\xDF\xBF", 2},
    {0x0800, "\xE0\xA0\x80", 3},   {0xD7FF, "\xED\x9F\xBF", 3},
    {0xE000, "\xEE\x80\x80", 3},   {0xFFFD, "\xEF\xBF\xBD", 3},
    {0xFFFF, "\xEF\xBF\xBF", 3},   {0x10000, "\xF0\x90\x80\x80", 4},
    {0x10FFFF, "\xF4\x8F\xBF\xBF", 4},
};

static void test_valid_table(void)
{
    for (size_t c = 0; c < sizeof good_cases / sizeof good_cases[0]; c++) {
        const struct good_case *g = &good_cases[c];
        char buf[4];
        size_t i = 0, bad = 12345;
        CHECKF(gl_utf8_valid(g->s, g->len, &bad), "U+%04X", (unsigned)g->cp);
        CHECK(bad == 12345); /* untouched on success */
        CHECK(gl_utf8_next(g->s, &i) == g->cp);
        CHECK(i == g->len);
        CHECK(gl_utf8_prev(g->s, &i) == g->cp);
        CHECK(i == 0);
        CHECK(gl_utf8_encode(g->cp, buf) == g->len);
        CHECK(memcmp(buf, g->s, g->len) == 0);
    }
    CHECK(gl_utf8_valid("", 0, NULL));
    CHECK(gl_utf8_valid("plain ASCII text, long enough for words", 39, NULL));
}

/* Reference: decode by bit patterns and numeric ranges (no byte-range
 * tables), so it shares no logic with the validator. Returns 1 when valid,
 * else 0 with *bad = start of the failing sequence. */
static int ref_valid(const unsigned char *s, size_t len, size_t *bad)
{
    size_t i = 0;
    while (i < len) {
        unsigned c = s[i];
        size_t n;
        uint32_t v, min;
        if ((c & 0x80) == 0) n = 1, v = c, min = 0;
        else if ((c & 0xE0) == 0xC0) n = 2, v = c & 0x1F, min = 0x80;
        else if ((c & 0xF0) == 0xE0) n = 3, v = c & 0x0F, min = 0x800;
        else if ((c & 0xF8) == 0xF0) n = 4, v = c & 0x07, min = 0x10000;
        else goto fail;
        if (i + n > len) goto fail;
        for (size_t k = 1; k < n; k++) {
            if ((s[i + k] & 0xC0) != 0x80) goto fail;
            v = (v << 6) | (s[i + k] & 0x3F);
        }
        if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
            goto fail;
        i += n;
        continue;
    fail:
        *bad = i;
        return 0;
    }
    return 1;
}

static unsigned long disagreements;

static void agree(const unsigned char *b, size_t n)
{
    size_t bad1 = 0, bad2 = 0;
    int v1 = gl_utf8_valid((const char *)b, n, &bad1);
    int v2 = ref_valid(b, n, &bad2);
    if (v1 != v2 || (!v1 && bad1 != bad2)) {
        if (disagreements++ < 10)
            CHECKF(0, "len %zu %02X %02X %02X %02X: valid %d/%d bad %zu/%zu",
                   n, b[0], n > 1 ? b[1] : 0, n > 2 ? b[2] : 0,
                   n > 3 ? b[3] : 0, v1, v2, bad1, bad2);
    }
}

static void test_exhaustive_1_2_3(void)
{
    unsigned char b[4];
    unsigned long nvalid3 = 0;
    disagreements = 0;
    for (unsigned x = 0; x < 256; x++) {
        b[0] = (unsigned char)x;
        agree(b, 1);
        for (unsigned y = 0; y < 256; y++) {
            b[1] = (unsigned char)y;
            agree(b, 2);
            for (unsigned z = 0; z < 256; z++) {
                b[2] = (unsigned char)z;
                agree(b, 3);
                nvalid3 += (unsigned long)gl_utf8_valid((char *)b, 3, NULL);
            }
        }
    }
    CHECK(disagreements == 0);
    /* sanity of the count itself: ASCII triples, ASCII+2-byte in either
     * order, and the 3-byte forms (U+0800..FFFF minus surrogates) */
    CHECK(nvalid3 == 128UL * 128 * 128 + 2 * 128UL * 1920 + 61440UL);
}

static uint32_t lcg_state = 12345;
static uint32_t lcg(void)
{
    lcg_state = lcg_state * 1103515245u + 12345u;
    return lcg_state >> 8;
}

static void test_sampled_4(void)
{
    unsigned char b[4];
    disagreements = 0;
    for (long t = 0; t < 2000000; t++) {
        uint32_t r = lcg();
        if (t & 1) {
            /* biased toward 4-byte leads and continuation bytes, where the
             * range checks live */
            b[0] = (unsigned char)(0xF0 | (r & 7));
            b[1] = (unsigned char)(0x80 | (lcg() & 0x7F));
            b[2] = (unsigned char)(0x80 | (lcg() & 0x3F));
            b[3] = (unsigned char)((lcg() & 1) ? 0x80 | (lcg() & 0x3F) : lcg());
        } else {
            for (int k = 0; k < 4; k++) b[k] = (unsigned char)lcg();
        }
        agree(b, 4);
    }
    CHECK(disagreements == 0);
}

static void test_roundtrip_all_scalars(void)
{
    unsigned long fails = 0;
    for (uint32_t cp = 0; cp <= 0x10FFFF; cp++) {
        char buf[8] = "x";
        size_t n, i = 1, want;
        if (cp == 0xD800) cp = 0xE000;
        want = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
        n = gl_utf8_encode(cp, buf + 1);
        int ok = n == want && gl_utf8_valid(buf, n + 1, NULL) &&
                 gl_utf8_next(buf, &i) == cp && i == n + 1 &&
                 gl_utf8_prev(buf, &i) == cp && i == 1 &&
                 gl_utf8_prev(buf, &i) == 'x' && i == 0;
        if (!ok && fails++ < 5) CHECKF(0, "U+%04X", (unsigned)cp);
    }
    CHECK(fails == 0);
}

/* Each bad case at every offset from 0 to 40, behind ASCII or behind a
 * valid multibyte character, with ASCII after it, so the bad byte falls
 * in every lane of the sixteen-byte ASCII skip and in its tail. */
static void test_invalid_every_offset(void)
{
    static const char *fills[] = {
        "abcdefghijklmnopqrstuvwxyz0123456789ABCDE",
        "\xC3\xA9" "bcdefghijklmnopqrstuvwxyz0123456789ABC"};
    static const char tail[] = " and some ASCII after it, twenty bytes";
    size_t ncase = sizeof bad_cases / sizeof bad_cases[0];

    for (size_t c = 0; c < ncase; c++)
        for (size_t f = 0; f < 2; f++)
            for (size_t off = f ? 2 : 0; off <= 40; off++) {
                char buf[160];
                size_t bad = 999, len = off;
                memcpy(buf, fills[f], off);
                memcpy(buf + len, bad_cases[c].s, bad_cases[c].len);
                len += bad_cases[c].len;
                for (size_t t = 0; t < 3; t++) {
                    size_t n = len + t * 10; /* tails of 0, 10, 20 bytes */
                    memcpy(buf + len, tail, t * 10);
                    bad = 999;
                    CHECKF(!gl_utf8_valid(buf, n, &bad) &&
                               bad == off + bad_cases[c].bad,
                           "%s at %zu, tail %zu: bad %zu", bad_cases[c].what,
                           off, t * 10, bad);
                }
            }
}

/* Valid text of every length up to 80 cut at character boundaries, so
 * each length of the ASCII tail after the wide loads is walked. */
static void test_valid_every_length(void)
{
    static const char s[] =
        "Quoted \xE2\x80\x9Cwords\xE2\x80\x9D, caf\xC3\xA9 \xF0\x9F\x98\x80 "
        "and a "
        "long plain ASCII run of text that is well over sixteen bytes";
    size_t len = sizeof s - 1;

    CHECK(len > 80);
    for (size_t n = 0; n <= 80; n++) {
        if ((s[n] & 0xC0) == 0x80) continue;
        CHECKF(gl_utf8_valid(s, n, NULL), "length %zu", n);
    }
}

static void test_walk_mixed(void)
{
    /* A, e-acute, euro, emoji, combining acute, Arabic alef */
    static const char s[] =
        "A\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80\xCC\x81\xD8\xA7";
    static const uint32_t cps[] = {0x41, 0xE9, 0x20AC, 0x1F600, 0x301, 0x627};
    static const size_t starts[] = {0, 1, 3, 6, 10, 12, 14};
    size_t len = sizeof s - 1, i = 0, k;

    CHECK(gl_utf8_valid(s, len, NULL));
    for (k = 0; k < 6; k++) {
        CHECK(i == starts[k]);
        CHECK(gl_utf8_next(s, &i) == cps[k]);
    }
    CHECK(i == len);
    for (k = 6; k-- > 0;) {
        CHECK(gl_utf8_prev(s, &i) == cps[k]);
        CHECK(i == starts[k]);
    }
    for (i = 0; i <= len; i++) {
        int want = 0;
        for (k = 0; k < 7; k++) want |= starts[k] == i;
        CHECKF(gl_utf8_is_boundary(s, len, i) == want, "offset %zu", i);
    }
}

int main(void)
{
    RUN(test_invalid_table);
    RUN(test_valid_table);
    RUN(test_exhaustive_1_2_3);
    RUN(test_sampled_4);
    RUN(test_roundtrip_all_scalars);
    RUN(test_walk_mixed);
    RUN(test_invalid_every_offset);
    RUN(test_valid_every_length);
    return check_done();
}

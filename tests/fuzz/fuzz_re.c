/* fuzz_re.c - fuzz target for the regex module (core/re.c): a flags byte,
 * a pattern and a subject; every match of the find-all iterator must lie on
 * character boundaries and move forward, and the JIT and the interpreter
 * must agree on them unless a limit stopped either. Test layer. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "re.h"
#include "utf8.h"

/* Small limits keep each input fast; JIT and interpreter count work
 * differently, so a limit error on either side ends the comparison. */
#define MATCH_LIMIT 20000u
#define DEPTH_LIMIT 500u
#define HEAP_KB 2048u
#define MAX_MATCHES 256

#define REQUIRE(c)                                                        \
    do {                                                                  \
        if (!(c)) {                                                       \
            fprintf(stderr, "fuzz_re: invariant failed: %s (%s:%d)\n",   \
                    #c, __FILE__, __LINE__);                              \
            abort();                                                      \
        }                                                                 \
    } while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The matches of one run: group 0 and every capture, flattened. */
struct result {
    int rc; /* 0 at the end, < 0 for an error, 1 when the cap was hit */
    size_t n, width;
    size_t *ov;
};

static int bnd(const char *s, size_t len, size_t i)
{
    return i <= len && gl_utf8_is_boundary(s, len, i);
}

static void find_all(struct gl_re *re, const char *subj, size_t len,
                     struct result *r)
{
    struct gl_re_iter it;
    struct gl_err err;
    size_t *ov = r->ov, last = 0, iters = 0;

    gl_re_iter_init(&it, re, subj, 0, len);
    memset(&err, 0, sizeof err);
    r->n = 0;
    for (;;) {
        int rc = gl_re_iter_next(&it, ov, &err);
        if (rc <= 0) {
            r->rc = rc;
            if (rc < 0) REQUIRE(err.code == rc);
            /* an exhausted iterator stays exhausted */
            REQUIRE(gl_re_iter_next(&it, ov, &err) == 0);
            return;
        }
        REQUIRE(++iters <= 4 * len + 10);
        REQUIRE(ov[0] <= ov[1] && ov[1] <= len);
        REQUIRE(bnd(subj, len, ov[0]) && bnd(subj, len, ov[1]));
        REQUIRE(ov[0] >= last);
        last = ov[0];
        for (size_t g = 1; g < r->width / 2; g++) {
            size_t a = ov[2 * g], b = ov[2 * g + 1];
            if (a == GL_RE_UNSET) {
                REQUIRE(b == GL_RE_UNSET);
                continue;
            }
            REQUIRE(a <= len && b <= len);
            REQUIRE(bnd(subj, len, a) && bnd(subj, len, b));
        }
        if (++r->n == MAX_MATCHES) {
            r->rc = 1;
            return;
        }
        ov += r->width;
    }
}

static struct gl_re *compile(const char *pat, size_t plen, unsigned flags,
                             struct gl_err *err)
{
    struct gl_re *re;

    memset(err, 0, sizeof *err);
    re = gl_re_compile(pat, plen, flags, err);
    if (!re) {
        REQUIRE(err->code == GL_ERE || err->code == GL_ETOOBIG);
        REQUIRE(err->offset <= plen);
        return NULL;
    }
    gl_re_set_limits(re, MATCH_LIMIT, DEPTH_LIMIT, HEAP_KB);
    for (uint32_t i = 0; i < gl_re_nnames(re); i++) {
        uint32_t g = 0;
        REQUIRE(gl_re_name(re, i, &g) != NULL);
        REQUIRE(g >= 1 && g <= gl_re_ncaptures(re));
    }
    REQUIRE(gl_re_name(re, gl_re_nnames(re), NULL) == NULL);
    return re;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *in = (const char *)data;
    const char *nul, *sp;
    struct gl_re *jit, *interp;
    struct gl_err e1, e2;
    struct result r1, r2;
    unsigned flags;
    size_t plen, slen, width;
    char *subj;

    if (size < 1 || size > 4096) return 0;
    flags = data[0] & 0x1F; /* i x m s l */
    in++, size--;
    nul = memchr(in, '\0', size);
    plen = nul ? (size_t)(nul - in) : size;
    slen = nul ? size - plen - 1 : 0;
    sp = nul ? nul + 1 : in + plen;
    if (!gl_utf8_valid(sp, slen, NULL)) return 0;

    jit = compile(in, plen, flags, &e1);
    interp = compile(in, plen, flags | GL_RE_NOJIT, &e2);
    REQUIRE(!jit == !interp);
    if (!jit) {
        REQUIRE(e1.code == e2.code && e1.offset == e2.offset);
        return 0;
    }
    REQUIRE(!gl_re_jitted(interp));
    REQUIRE(gl_re_ncaptures(jit) == gl_re_ncaptures(interp));

    /* An exact-size copy, so ASan sees any read past the subject. */
    subj = malloc(slen ? slen : 1);
    if (!subj) abort();
    if (slen) memcpy(subj, sp, slen);

    width = 2 * ((size_t)gl_re_ncaptures(jit) + 1);
    r1.width = r2.width = width;
    r1.ov = malloc(MAX_MATCHES * width * sizeof *r1.ov);
    r2.ov = malloc(MAX_MATCHES * width * sizeof *r2.ov);
    if (!r1.ov || !r2.ov) abort();
    find_all(jit, subj, slen, &r1);
    find_all(interp, subj, slen, &r2);
    /* Only whole matches are compared: PCRE2 10.42's JIT can leave a
     * capture set from a failed pass through a possessive repeat, e.g.
     * (a+)*+$ on "aab" gives group 1 = [1,2) against the interpreter's
     * unset (upstream PCRE2 issue 324, fixed in 10.43); see
     * tests/fuzz/regress/fuzz_re/. */
    if (r1.rc != GL_ELIMIT && r2.rc != GL_ELIMIT) {
        REQUIRE(r1.rc == r2.rc && r1.n == r2.n);
        for (size_t m = 0; m < r1.n; m++)
            REQUIRE(r1.ov[m * width] == r2.ov[m * width] &&
                    r1.ov[m * width + 1] == r2.ov[m * width + 1]);
    }
    /* gl_re_find from the start is the iterator's first step. */
    if (r1.n) {
        size_t *ov = malloc(width * sizeof *ov);
        int rc;
        if (!ov) abort();
        memset(&e1, 0, sizeof e1);
        rc = gl_re_find(jit, subj, 0, slen, ov, &e1);
        REQUIRE(rc == 1 || rc == GL_ELIMIT);
        if (rc == 1) REQUIRE(memcmp(ov, r1.ov, width * sizeof *ov) == 0);
        free(ov);
    }
    free(r1.ov);
    free(r2.ov);
    free(subj);
    gl_re_free(jit);
    gl_re_free(interp);
    return 0;
}

#include "standalone.h"

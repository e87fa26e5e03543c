/* fuzz_lexicon.c - fuzz target for lexicon loading and scanning
 * (core/lexicon.c): lexicon text, a NUL, then an article; every match must
 * lie in the scanned token range, in order and without overlap. Test
 * layer. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "lexicon.h"

#define MAX_INPUT ((size_t)1 << 20)

#define REQUIRE(c)                                                        \
    do {                                                                  \
        if (!(c)) {                                                       \
            fprintf(stderr, "fuzz_lexicon: invariant failed: %s (%s:%d)\n",\
                    #c, __FILE__, __LINE__);                              \
            abort();                                                      \
        }                                                                 \
    } while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct scan {
    const struct gl_lexicon *lex;
    size_t first, end; /* the token range scanned */
    size_t last_end;   /* where the previous match ended */
    size_t n;
    size_t stop_after; /* return non-zero from the callback after this many */
};

static int on_match(void *ctx, uint32_t entry, size_t tok_first,
                    size_t tok_end)
{
    struct scan *s = ctx;

    REQUIRE(entry < gl_lex_size(s->lex));
    REQUIRE(s->first <= tok_first && tok_first < tok_end &&
            tok_end <= s->end);
    REQUIRE(tok_first >= s->last_end);
    s->last_end = tok_end;
    return ++s->n == s->stop_after;
}

static size_t scan(const struct gl_lexicon *lex, const struct gl_doc *d,
                   size_t first, size_t end, size_t stop_after)
{
    struct scan s;
    size_t got;

    memset(&s, 0, sizeof s);
    s.lex = lex;
    s.first = first;
    s.end = end < d->ntokens ? end : d->ntokens;
    s.last_end = first;
    s.stop_after = stop_after;
    got = gl_lex_scan(lex, d, first, end, on_match, &s);
    REQUIRE(got == s.n);
    if (stop_after) REQUIRE(got <= stop_after);
    return got;
}

/* Every entry's phrase and attributes can be read back, and looking a
 * phrase up finds its own entry (equal folded phrases share one entry). */
static void check_entries(const struct gl_lexicon *lex)
{
    unsigned sum = 0;

    for (size_t e = 0; e < gl_lex_size(lex); e++) {
        const char *p = gl_lex_phrase(lex, (uint32_t)e);
        REQUIRE(p != NULL);
        REQUIRE(gl_lex_lookup(lex, p, strlen(p)) == (long)e);
        for (size_t i = 0; i < gl_lex_nattrs(lex, (uint32_t)e); i++) {
            const char *k = NULL, *v = NULL;
            size_t vlen = 0;
            gl_lex_attr(lex, (uint32_t)e, i, &k, &v, &vlen);
            REQUIRE(k != NULL && v != NULL);
            sum += (unsigned)strlen(k);
            for (size_t j = 0; j < vlen; j++) sum += (unsigned char)v[j];
        }
    }
    /* keeps the reads above (checked by ASan) from being optimised out */
    if (sum == 1u) fputs("", stderr);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *in = (const char *)data;
    const char *nul;
    struct gl_lexicon *lex;
    struct gl_doc *d;
    struct gl_err err;
    size_t llen, all;
    int rc;

    if (size > MAX_INPUT) return 0;
    nul = memchr(in, '\0', size);
    llen = nul ? (size_t)(nul - in) : size;
    lex = gl_lex_new();
    memset(&err, 0, sizeof err);
    rc = gl_lex_load_buffer(lex, in, llen, "fuzz", &err);
    if (rc != GL_OK) {
        REQUIRE(rc == GL_EUTF8 || rc == GL_EFORMAT);
        REQUIRE(err.code == rc && err.line >= 1);
        gl_lex_free(lex);
        return 0;
    }
    check_entries(lex);
    if (!nul) {
        gl_lex_free(lex);
        return 0;
    }
    memset(&err, 0, sizeof err);
    d = gl_doc_from_memory(nul + 1, size - llen - 1, "fuzz", &err);
    if (d) {
        all = scan(lex, d, 0, d->ntokens, 0);
        scan(lex, d, d->ntokens / 3, d->ntokens, 0);
        scan(lex, d, 0, d->ntokens + 5, 0);
        if (all) REQUIRE(scan(lex, d, 0, d->ntokens, 1) == 1);
        gl_doc_free(d);
    }
    gl_lex_free(lex);
    return 0;
}

#include "standalone.h"

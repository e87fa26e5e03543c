/* test_smallpool.c - unit tests of core/smallpool.c: blocks keep their
 * bytes, freed blocks are reused by their size class, growing and
 * shrinking across classes and past GL_POOL_MAX keeps the contents, and a
 * random workload checked against a shadow copy (both modes). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "smallpool.h"

static void test_reuse_by_class(void)
{
    struct gl_pool p;
    char *a, *b, *c;

    gl_pool_init(&p, 0);
    a = gl_pool_realloc(&p, NULL, 0, 20);   /* class of 32 bytes */
    b = gl_pool_realloc(&p, NULL, 0, 100);
    CHECK(a && b && a != b);
    CHECK(((uintptr_t)a & 15) == 0 && ((uintptr_t)b & 15) == 0);
    CHECK(gl_pool_realloc(&p, a, 20, 0) == NULL);
    c = gl_pool_realloc(&p, NULL, 0, 30);   /* same class: a again */
    CHECK(c == a);
    c = gl_pool_realloc(&p, c, 30, 32);     /* still fits: same block */
    CHECK(c == a);
    gl_pool_fini(&p);
}

static void test_grow_and_shrink_keep_bytes(void)
{
    struct gl_pool p;
    static const size_t sizes[] = {1, 16, 17, 300, 512, 513, 5000, 40, 0};
    size_t old = 0;
    unsigned char *b = NULL;

    gl_pool_init(&p, 0);
    for (size_t i = 0; sizes[i]; i++) {
        size_t keep = old < sizes[i] ? old : sizes[i];
        unsigned char *n = gl_pool_realloc(&p, b, old, sizes[i]);
        CHECKF(n != NULL, "size %zu", sizes[i]);
        for (size_t k = 0; k < keep; k++)
            if (n[k] != (unsigned char)(k * 7 + 1)) {
                CHECKF(0, "byte %zu lost going %zu -> %zu", k, old,
                       sizes[i]);
                break;
            }
        for (size_t k = 0; k < sizes[i]; k++) n[k] = (unsigned char)(k * 7 + 1);
        b = n;
        old = sizes[i];
    }
    gl_pool_realloc(&p, b, old, 0);
    gl_pool_fini(&p);
}

/* Many live blocks of random sizes, each filled with its own byte: any
 * overlap or lost copy shows as a wrong byte. Spans several chunks. */
static void workload(int direct)
{
    enum { N = 4000, ROUNDS = 60000 };
    struct gl_pool p;
    unsigned char *blk[N] = {0};
    size_t len[N] = {0};
    unsigned seed = 12345;
    int bad = 0;

    gl_pool_init(&p, direct);
    for (int r = 0; r < ROUNDS && !bad; r++) {
        size_t i, n;
        seed = seed * 1103515245u + 12345u;
        i = (seed >> 8) % N;
        seed = seed * 1103515245u + 12345u;
        n = (seed >> 8) % 9 == 0 ? (seed >> 4) % 3000 : (seed >> 8) % 600;
        for (size_t k = 0; k < len[i] && !bad; k++)
            bad = blk[i][k] != (unsigned char)i;
        blk[i] = gl_pool_realloc(&p, blk[i], len[i], n);
        len[i] = n;
        if (n) memset(blk[i], (unsigned char)i, n);
        else CHECK(blk[i] == NULL);
    }
    CHECKF(!bad, "a block's bytes changed (direct %d)", direct);
    for (size_t i = 0; i < N; i++) gl_pool_realloc(&p, blk[i], len[i], 0);
    gl_pool_fini(&p);
}

static void test_workload_pooled(void) { workload(0); }
static void test_workload_direct(void) { workload(1); }

int main(void)
{
    RUN(test_reuse_by_class);
    RUN(test_grow_and_shrink_keep_bytes);
    RUN(test_workload_pooled);
    RUN(test_workload_direct);
    return check_done();
}

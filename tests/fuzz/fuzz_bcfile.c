/* fuzz_bcfile.c - fuzz target for the bytecode cache reader
 * (binding/bcfile.c). The input is a cache file without its trailing
 * hash: the target appends the right one, so mutations reach the
 * structural checks instead of dying at the hash. Whatever parses must
 * point inside the data (paths are copies), and every entry must be found
 * by its path. The
 * bytecode itself is never loaded here: that is what the checks in
 * bytecode.c keep away from anything but our own build. Test layer. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bcfile.h"

#define MAX_FUZZ_INPUT ((size_t)1 << 20)

#define REQUIRE(c)                                                        \
    do {                                                                  \
        if (!(c)) {                                                       \
            fprintf(stderr, "fuzz_bcfile: invariant failed: %s (%s:%d)\n", \
                    #c, __FILE__, __LINE__);                              \
            abort();                                                      \
        }                                                                 \
    } while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int inside(const char *p, size_t n, const char *base, size_t len)
{
    return p >= base && n <= len && (size_t)(p - base) <= len - n;
}

static void check(const char *buf, size_t len)
{
    struct lgl_bc_file f;

    if (lgl_bc_parse(&f, buf, len) != 0) return;
    REQUIRE(inside(f.release, f.releaselen, buf, len));
    REQUIRE(inside(f.probe, f.probelen, buf, len));
    for (size_t i = 0; i < f.n; i++) {
        const struct lgl_bc_entry *e = &f.ents[i], *found;

        REQUIRE(e->path[0] != '\0'); /* a copy: empty paths are refused */
        REQUIRE(inside(e->code, e->codelen, buf, len));
        found = lgl_bc_find(&f, e->path);
        REQUIRE(found != NULL && strcmp(found->path, e->path) == 0);
    }
    lgl_bc_free(&f);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *buf;
    uint64_t h;

    if (size > MAX_FUZZ_INPUT) return 0;
    /* the input as it comes (almost always refused by its hash) ... */
    check((const char *)data, size);
    /* ... and with the hash that makes the structure count */
    buf = malloc(size + 8);
    if (!buf) return 0;
    if (size) memcpy(buf, data, size);
    h = lgl_bc_hash(buf, size);
    for (int k = 0; k < 8; k++) buf[size + (size_t)k] = (char)(h >> (8 * k));
    check(buf, size + 8);
    free(buf);
    return 0;
}

#include "standalone.h"

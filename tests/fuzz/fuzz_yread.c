/* fuzz_yread.c - fuzz target for the strict YAML reader (core/yread.c):
 * any bytes in; a tree that comes back must be well formed, an error must
 * say where. Leaks are caught by ASan/libFuzzer. Test layer. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yread.h"

#define MAX_INPUT ((size_t)1 << 20)

#define REQUIRE(c)                                                        \
    do {                                                                  \
        if (!(c)) {                                                       \
            fprintf(stderr, "fuzz_yread: invariant failed: %s (%s:%d)\n",\
                    #c, __FILE__, __LINE__);                              \
            abort();                                                      \
        }                                                                 \
    } while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void walk(const struct gl_ynode *n, int depth)
{
    REQUIRE(n != NULL);
    REQUIRE(n->line >= 1 && n->col >= 1);
    switch (n->kind) {
    case GL_Y_SCALAR:
        REQUIRE(n->str != NULL && n->str[n->len] == '\0');
        REQUIRE(n->n == 0);
        return;
    case GL_Y_SEQ:
        break;
    case GL_Y_MAP:
        REQUIRE(n->n % 2 == 0);
        break;
    default:
        REQUIRE(!"unknown node kind");
    }
    REQUIRE(depth < GL_YAML_MAX_DEPTH);
    REQUIRE(n->str == NULL);
    for (size_t i = 0; i < n->n; i++) {
        /* keys are scalars, and (without NULs, which gl_ymap_get cannot
         * express) unique, so a lookup finds exactly this entry */
        if (n->kind == GL_Y_MAP && i % 2 == 0) {
            const struct gl_ynode *k = n->items[i];
            REQUIRE(k->kind == GL_Y_SCALAR);
            if (n->n <= 128 && strlen(k->str) == k->len)
                REQUIRE(gl_ymap_get(n, k->str) == n->items[i + 1]);
        }
        walk(n->items[i], depth + 1);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct gl_ynode *root = (struct gl_ynode *)1;
    struct gl_err err;
    int rc;

    if (size > MAX_INPUT) return 0;
    memset(&err, 0, sizeof err);
    rc = gl_yaml_read((const char *)data, size, "fuzz", &root, &err);
    if (rc != GL_OK) {
        REQUIRE(rc == GL_EYAML && err.code == GL_EYAML);
        REQUIRE(root == NULL);
        REQUIRE(err.line >= 1 && err.col >= 1);
        REQUIRE(err.offset <= size);
        REQUIRE(memchr(err.msg, '\0', sizeof err.msg) != NULL);
        return 0;
    }
    if (root) walk(root, 0);
    gl_ynode_free(root);
    return 0;
}

#include "standalone.h"

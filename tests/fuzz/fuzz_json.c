/* fuzz_json.c - fuzz target for the JSON reader (core/json.c) used for
 * JSON Lines corpora and gold data: any bytes in; a tree that comes back
 * must be well formed, an error must say where. Test layer. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "utf8.h"

#define MAX_INPUT ((size_t)1 << 20)

#define REQUIRE(c)                                                        \
    do {                                                                  \
        if (!(c)) {                                                       \
            fprintf(stderr, "fuzz_json: invariant failed: %s (%s:%d)\n", \
                    #c, __FILE__, __LINE__);                              \
            abort();                                                      \
        }                                                                 \
    } while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void walk(const struct gl_jnode *n, size_t size, int depth)
{
    REQUIRE(n != NULL);
    REQUIRE(depth <= GL_JSON_MAX_DEPTH);
    REQUIRE(n->offset < size);
    REQUIRE(gl_json_kind_name(n->kind) != NULL);
    switch (n->kind) {
    case GL_J_NULL: case GL_J_FALSE: case GL_J_TRUE:
        REQUIRE(n->n == 0);
        return;
    case GL_J_NUMBER:
        REQUIRE(n->num == n->num); /* JSON has no NaN */
        if (n->is_int) REQUIRE((double)n->i == n->num);
        return;
    case GL_J_STRING:
        /* decoded strings are UTF-8 that the rest of gloss can hold */
        REQUIRE(n->str != NULL && n->str[n->len] == '\0');
        REQUIRE(gl_utf8_valid(n->str, n->len, NULL));
        return;
    case GL_J_ARRAY:
        break;
    case GL_J_OBJECT:
        REQUIRE(n->n % 2 == 0);
        break;
    default:
        REQUIRE(!"unknown node kind");
    }
    for (size_t i = 0; i < n->n; i++) {
        if (n->kind == GL_J_OBJECT && i % 2 == 0)
            REQUIRE(n->items[i]->kind == GL_J_STRING);
        walk(n->items[i], size, depth + 1);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *buf = (const char *)data;
    struct gl_jnode *root = NULL;
    struct gl_err err;
    unsigned long line, col;
    size_t pos = 0;
    int rc;

    if (size > MAX_INPUT) return 0;
    memset(&err, 0, sizeof err);
    rc = gl_json_read(buf, size, "fuzz", &root, &err);
    if (rc != GL_OK) {
        REQUIRE(root == NULL);
        REQUIRE(err.code != GL_OK);
        REQUIRE(err.offset <= size);
        REQUIRE(memchr(err.msg, '\0', sizeof err.msg) != NULL);
        gl_json_linecol(buf, size, err.offset, &line, &col);
        REQUIRE(line >= 1 && col >= 1);
    } else {
        walk(root, size, 0);
        gl_json_free(root);
    }
    /* the JSON Lines path: values one after another from pos */
    for (int k = 0; k < 64 && pos < size; k++) {
        size_t before = pos;
        root = NULL;
        memset(&err, 0, sizeof err);
        rc = gl_json_parse(buf, size, &pos, "fuzz", &root, &err);
        if (rc != GL_OK) {
            REQUIRE(root == NULL);
            break;
        }
        REQUIRE(pos > before && pos <= size);
        if (root) walk(root, size, 0);
        gl_json_free(root);
    }
    return 0;
}

#include "standalone.h"

/* emit_fix.h - what the two YAML writer tests (test_emit.c,
 * test_emit_libyaml.c) both build documents with: an output sink, value
 * constructors, a document from memory, a fixed-seed generator. Test
 * layer; include after check.h. */
#ifndef GLOSS_EMIT_FIX_H
#define GLOSS_EMIT_FIX_H

#include <stdarg.h>
#include <stdint.h>
#include <string.h>

#include "doc.h"
#include "emit.h"
#include "store.h"
#include "util.h"

static inline int to_buf(void *ctx, const char *p, size_t n)
{
    gl_buf_add(ctx, p, n);
    return 0;
}

static const char *scripts[] = {"preset:quotes", "my/script.lua"};
static const struct gl_run_info run = {"0.1.0", scripts, 2};

static inline struct gl_value vbool(int b)
{
    return (struct gl_value){.t = GL_V_BOOL, .u.b = b};
}

static inline struct gl_value vint(int64_t i)
{
    return (struct gl_value){.t = GL_V_INT, .u.i = i};
}

static inline struct gl_value vnum(double d)
{
    return (struct gl_value){.t = GL_V_NUM, .u.n = d};
}

static inline struct gl_value vstrn(const char *s, size_t n)
{
    return (struct gl_value){.t = GL_V_STR, .u.s = {xmemdup(s, n), n}};
}

static inline struct gl_value vstr(const char *s)
{
    return vstrn(s, strlen(s));
}

/* A list of n values given as arguments. */
static inline struct gl_value vlist(size_t n, ...)
{
    struct gl_value v = {.t = GL_V_LIST, .u.list = {NULL, n}};
    va_list ap;

    v.u.list.v = xreallocarray(NULL, n, sizeof *v.u.list.v);
    va_start(ap, n);
    for (size_t i = 0; i < n; i++)
        v.u.list.v[i] = va_arg(ap, struct gl_value);
    va_end(ap);
    return v;
}

static inline struct gl_doc *mkdoc(const char *s, size_t len, const char *name)
{
    struct gl_err err = {0};
    struct gl_doc *d = gl_doc_from_memory(s, len, name, &err);
    CHECKF(d != NULL, "gl_doc_from_memory: %s", err.msg);
    return d;
}

/* a fixed-seed generator: the same inputs on every run */
static uint32_t lcg_state = 12345;

static inline uint32_t lcg(void)
{
    lcg_state = lcg_state * 1103515245u + 12345u;
    return lcg_state >> 8;
}

#endif

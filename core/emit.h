/* emit.h - write one article's annotations as a YAML document, directly
 * into an output buffer (byte for byte what libyaml's emitter would write;
 * tests/unit/emit_ref.c keeps that writer as the test oracle).
 * Core layer. The format is documented in annotations/SCHEMA.md.
 *
 * Output is deterministic: fixed emitter settings, annotations sorted by
 * position, attribute keys sorted, free text always double-quoted, other
 * strings quoted whenever YAML could read them as anything but a string.
 * Every string is checked as strict UTF-8 before it is written. */
#ifndef GLOSS_EMIT_H
#define GLOSS_EMIT_H

#include <stddef.h>

#include "doc.h"
#include "error.h"
#include "explain.h"
#include "store.h"

#define GL_SCHEMA_VERSION 1

/* What ran over the article, for the `run:` block. */
struct gl_run_info {
    const char *gloss_version;
    const char **scripts; /* names as shown: "preset:quotes" or a path */
    size_t nscripts;
};

/* Writes bytes; returns 0 on success, non-zero on a write error. */
typedef int (*gl_write_fn)(void *ctx, const char *p, size_t n);

/* Emit one YAML document (with "---" start and "..." end markers omitted
 * unless `stream` is set, for several documents in one stream). Returns
 * GL_OK, or GL_EVALUE (a string that is not valid UTF-8, a non-finite
 * number) / GL_EIO (the writer failed) with err filled. */
int gl_emit_yaml(const struct gl_doc *doc, const struct gl_store *st,
                 const struct gl_run_info *run, int stream, gl_write_fn write,
                 void *ctx, struct gl_err *err);

/* The same, for --explain: a non-NULL `ex` also writes each annotation's
 * `why:` (ex->why indexed by store id) and the article's `near_misses:`
 * after the annotations; NULL is gl_emit_yaml exactly. */
int gl_emit_yaml_explain(const struct gl_doc *doc, const struct gl_store *st,
                         const struct gl_run_info *run,
                         const struct gl_explain *ex, int stream,
                         gl_write_fn write, void *ctx, struct gl_err *err);

#endif

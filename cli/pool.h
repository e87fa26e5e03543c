/* pool.h - annotate a stream of articles with worker processes. CLI layer.
 *
 * Each worker is a fork of the dispatcher made after the scripts were
 * compiled, so it has its own Lua state and nothing to set up. The
 * dispatcher hands out one article at a time, delivers results in input
 * order whatever order they finish in, and is the watchdog: a worker still
 * busy past the time budget plus a grace period (stuck in C code that no
 * Lua hook reaches, such as a pattern bomb in string.find) is killed and
 * replaced, and so is one that crashed; that article fails, the others go
 * on. Memory stays bounded: at most 2 x jobs articles are in flight or
 * waiting for their turn to be delivered. */
#ifndef GLOSS_POOL_H
#define GLOSS_POOL_H

#include <stddef.h>

#include "emit.h"
#include "engine.h"
#include "record.h"

/* One article to annotate. `path` set: the worker reads the file; else
 * `text` holds the article. `out` is the output name relative to -o DIR.
 * An input that could not even be read (a bad JSON Lines record, an
 * unreadable folder) comes as an item with `error` set: it is reported in
 * its turn as a failure with `status`, and never reaches a worker.
 * All strings are owned by the item (free with gl_item_free). */
struct gl_item {
    char *name;
    char *path;
    char *text;
    size_t len;
    char *out;
    char *error;
    int status;
    /* a JSON Lines record, sent raw (text): the worker decodes it, names
     * it and chooses its output name; `name` is then its corpus file */
    int record;
    char *base;
    unsigned long line;
};

void gl_item_free(struct gl_item *it);

/* Next input: 1 with *it filled, 0 when there are no more. */
typedef int (*gl_next_fn)(void *ctx, struct gl_item *it);

/* A finished article, in input order. `status` is an exit status
 * (exitcode.h); on EXIT_OK yaml holds its YAML (and `out`, when not NULL,
 * the output name the worker gave a record), else msg the error lines
 * for stderr. Returns non-zero to stop the run early. */
typedef int (*gl_result_fn)(void *ctx, const struct gl_item *it, int status,
                            const char *yaml, size_t ylen, const char *msg,
                            const char *out);

struct gl_pool_opts {
    int jobs;                  /* worker processes, >= 1 */
    unsigned long timeout_ms;  /* per article; 0: no watchdog */
    unsigned long grace_ms;    /* the watchdog kills at timeout + grace */
    int stream;                /* YAML documents with --- / ... markers */
    const struct gl_record_fields *fields; /* of JSON Lines records */
    int profile;               /* the worker reports its samples at the end */
};

/* Run every item through the workers. Returns 0, or -1 when workers could
 * not be started (message printed). */
int gl_pool_run(struct gl_engine *eng, const struct gl_run_info *run,
                const struct gl_pool_opts *opts, gl_next_fn next, void *nctx,
                gl_result_fn result, void *rctx);

#endif

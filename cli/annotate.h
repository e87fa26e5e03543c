/* annotate.h - one article through the whole pipeline: load, run the
 * scripts, write YAML into memory. CLI layer; what a worker does. */
#ifndef GLOSS_ANNOTATE_H
#define GLOSS_ANNOTATE_H

#include <stddef.h>

#include "emit.h"
#include "engine.h"
#include "util.h"

/* Annotate the article read from `path`, or, when path is NULL, given as
 * text[0..len) and named `name`. On success returns EXIT_OK with the YAML
 * document in *yaml; otherwise an exit status (exitcode.h) with the error
 * line(s) for stderr in *msg and nothing in *yaml. */
int gl_annotate(struct gl_engine *eng, const struct gl_run_info *run,
                const char *name, const char *path, const char *text,
                size_t len, int stream, struct gl_buf *yaml,
                struct gl_buf *msg);

#endif

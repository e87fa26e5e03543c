/* emit_ref.h - the libyaml-event YAML writer kept as the oracle of the
 * unit tests (tests/unit/emit_ref.c): gl_emit_yaml_explain's output, laid
 * out by libyaml 0.2.5's emitter. Test code only; inputs must be valid. */
#ifndef GLOSS_EMIT_REF_H
#define GLOSS_EMIT_REF_H

#include "emit.h"

int gl_emit_ref_yaml(const struct gl_doc *doc, const struct gl_store *st,
                     const struct gl_run_info *run,
                     const struct gl_explain *ex, int stream,
                     gl_write_fn write, void *ctx, struct gl_err *err);

#endif

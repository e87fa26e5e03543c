/* engine.h - run Lua tagging scripts over articles. Binding layer; this
 * header is what the CLI sees, so it must not include lua.h.
 *
 * An engine owns one Lua state. Scripts are compiled once when added and
 * run, in the order added, once per article over one shared annotation
 * store. Ownership: the engine never takes the doc or store passed to
 * gl_engine_run; they must outlive the call only. */
#ifndef GLOSS_ENGINE_H
#define GLOSS_ENGINE_H

#include <stddef.h>
#include <stdio.h>

#include "doc.h"
#include "error.h"
#include "store.h"
#include "util.h"

struct gl_engine;

/* `scripts_root` is the folder holding presets/, lib/ and lexicons/.
 * Never fails short of running out of memory. */
struct gl_engine *gl_engine_new(const char *scripts_root);
void gl_engine_free(struct gl_engine *eng);

/* Compile a bundled preset (scripts_root/presets/NAME.lua) or a script
 * file. GL_ENOTFOUND when there is no such file, GL_ESYNTAX when it does
 * not compile; err->msg holds the short message and gl_engine_message()
 * the full one. */
int gl_engine_add_preset(struct gl_engine *eng, const char *name,
                         struct gl_err *err);
int gl_engine_add_script(struct gl_engine *eng, const char *path,
                         struct gl_err *err);

/* Per-article budgets; 0 means "no limit". A script over budget fails
 * its article with GL_ELIMIT and a message saying which limit. */
struct gl_limits {
    unsigned long timeout_ms;   /* wall clock for all scripts of an article */
    size_t max_memory;          /* bytes of Lua heap */
    size_t max_annotations;     /* per article */
};

/* Defaults used by the CLI (documented in gloss --help). */
#define GL_DEFAULT_TIMEOUT_MS 10000ul
#define GL_DEFAULT_MAX_MEMORY ((size_t)512 << 20)
#define GL_DEFAULT_MAX_ANNOTATIONS ((size_t)1000000)

void gl_engine_set_limits(struct gl_engine *eng, const struct gl_limits *lim);

/* Labels of the scripts added, as written in YAML ("preset:quotes" or the
 * path as given). Borrowed. */
size_t gl_engine_nscripts(const struct gl_engine *eng);
const char *gl_engine_label(const struct gl_engine *eng, size_t i);

/* Run every script over doc, tagging into st. GL_ESCRIPT when a script
 * raised an error: err->msg holds "script.lua:LINE: message" (shortened)
 * and gl_engine_message() the whole message with its traceback.
 * GL_ELIMIT when a budget ran out (time, memory, annotations, regex). */
int gl_engine_run(struct gl_engine *eng, struct gl_doc *doc,
                  struct gl_store *st, struct gl_err *err);

/* The full text of the last error (message and traceback). Borrowed. */
const char *gl_engine_message(const struct gl_engine *eng);

/* The scripts root to use when none is given: $GLOSS_SCRIPTS, else
 * ../scripts beside the executable (a build tree), else
 * ../share/gloss/scripts beside it (an installed tree, wherever it was
 * moved), else the data folder compiled in. Returns a malloc'd string. */
char *gl_engine_default_root(void);

/* --explain: record why each annotation exists (the regex or lexicon
 * match of its span, the evidence doc:tag was given) and the near misses
 * scripts report with doc:near_miss. Off by default. */
struct gl_explain;
void gl_engine_set_explain(struct gl_engine *eng, int on);
/* What the last gl_engine_run recorded, for gl_run_info.explain; NULL
 * when explain is off. Borrowed until the next run. */
const struct gl_explain *gl_engine_explain(const struct gl_engine *eng);

/* --profile: sample where the scripts spend CPU time (one sample per
 * millisecond, by source line); the report lists the `top` lines that
 * took most, with their share of the samples. */
void gl_engine_set_profile(struct gl_engine *eng, int on);
void gl_engine_profile_report(struct gl_engine *eng, FILE *out, size_t top);

/* gloss repl. begin: run the scripts over doc like gl_engine_run (same
 * return values) but leave the document open, as global `doc` of one
 * environment kept for the session. eval: one input under the article
 * budgets; GL_OK with out holding the results (tab-separated, "" when
 * none), GL_REPL_MORE when the input is an incomplete chunk (add the next
 * line and call again), else GL_ESYNTAX / GL_ESCRIPT / GL_ELIMIT with
 * err->msg the one-line message. end: closes the document (doc and st
 * must live until then). */
#define GL_REPL_MORE 1
int gl_engine_repl_begin(struct gl_engine *eng, struct gl_doc *doc,
                         struct gl_store *st, struct gl_err *err);
int gl_engine_repl_eval(struct gl_engine *eng, const char *code, size_t len,
                        struct gl_buf *out, struct gl_err *err);
void gl_engine_repl_end(struct gl_engine *eng);

#endif

/* reviewed.h - output files a person may have reviewed: what `gloss run`
 * does when its output file exists (refuse, merge or overwrite with a
 * backup), and the merge of a new run into a reviewed file that `gloss
 * run --merge` and `gloss merge` share. CLI layer. */
#ifndef GLOSS_REVIEWED_H
#define GLOSS_REVIEWED_H

#include <stddef.h>

#include "annfile.h"
#include "doc.h"
#include "merge.h"
#include "util.h"

enum gl_existing {
    GL_EXISTING_REFUSE = 0, /* default: never overwrite an edited file */
    GL_EXISTING_MERGE,      /* --merge */
    GL_EXISTING_FORCE       /* --force (a backup is kept) */
};

/* Set by gloss run's option parser; read by gl_write_output. */
void gl_existing_set(enum gl_existing policy);
enum gl_existing gl_existing_get(void);

/* Write `yaml`, gloss run's output for one article (a file `path`, or
 * text[0..len) named `name` when path is NULL), to `dest` under the
 * policy. An edited dest is refused (EXIT_REFUSED, the reason and the way
 * forward on stderr), merged or overwritten; the replaced version of an
 * edited file is kept as dest.bak. Returns an exit status. */
int gl_write_output(const char *dest, const char *path, const char *name,
                    const char *text, size_t len, const char *yaml,
                    size_t ylen);

/* Merge the new run `fresh` (written for `doc`) into the reviewed file
 * `rev` (named revname in messages); `old` is the article rev was written
 * for, or NULL. On success (EXIT_OK) *out holds the merged YAML and
 * *stats the tally; decisions that cannot be placed are listed on stderr
 * as FILE:LINE:COL lines and give EXIT_REFUSED. */
int gl_merge_yaml(const char *revname, const struct gl_annfile *rev,
                  const struct gl_doc *doc, const struct gl_doc *old,
                  const struct gl_annfile *fresh, struct gl_buf *out,
                  struct gl_merge_stats *stats);

/* Replace `path` atomically with buf, first keeping its current bytes
 * `prev` in path.bak. Returns an exit status (message printed). */
int gl_replace_keeping(const char *path, const char *prev, size_t plen,
                       const char *buf, size_t len);

/* One stderr line for a merge's tally. */
void gl_merge_report(const char *dest, const struct gl_merge_stats *s);

#endif

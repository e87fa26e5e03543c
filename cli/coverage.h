/* coverage.h - which tagging rules of a script fired on its fixtures: the
 * `doc:tag(` call sites of the script and of the modules it requires,
 * found by reading the files, against the `rule` of every annotation
 * made. CLI layer (`gloss test`). */
#ifndef GLOSS_COVERAGE_H
#define GLOSS_COVERAGE_H

#include <stddef.h>

struct gl_cov_site {
    char *file;          /* real path of the Lua file */
    char *shown;         /* root-relative when under the scripts root */
    unsigned long line;
    int fired;
};

struct gl_cov {
    char *root;          /* real path of the scripts root */
    char **files;        /* real paths scanned, so each is read once */
    size_t nfiles, capfiles;
    struct gl_cov_site *site;
    size_t n, cap;
    char *last_label, *last_real; /* one-entry cache for gl_cov_fire */
};

/* Start with the scripts root (where presets/ and lib/ live). */
void gl_cov_init(struct gl_cov *cv, const char *root);
void gl_cov_fini(struct gl_cov *cv);

/* Add the tag call sites of `script` and, recursively, of the modules it
 * requires by a literal name (looked up as gloss does: its folder, its
 * lib/, ROOT/lib). Files that cannot be read are skipped. */
void gl_cov_scan(struct gl_cov *cv, const char *script);

/* An annotation was made by rule label:line (store script and line). */
void gl_cov_fire(struct gl_cov *cv, const char *label, unsigned long line);

/* Sites that fired. */
size_t gl_cov_fired(const struct gl_cov *cv);

#endif

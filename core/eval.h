/* eval.h - scoring annotation files against gold annotation files:
 * precision, recall and F1 per type, per link role and for whole
 * attributions, with exact and lenient (overlap) matching. Core layer.
 *
 * Units. An annotation that links to another by role `part` is a further
 * piece of that one (gold spans can be discontinuous), so what is scored is
 * a unit: a head annotation plus its parts. Annotations whose review is
 * `rejected` do not count, on either side.
 *
 * Matching is one-to-one (a maximum bipartite matching per article), so a
 * prediction covering two gold claims finds one of them, and a duplicate
 * prediction is a false hit. Two units match
 *   exact:   same type and the same set of piece spans;
 *   lenient: same type and some piece of one overlaps some piece of the
 *            other;
 * with `typed` set, their normalised `kind` attributes must agree too.
 * A link X --role--> Y matches a gold link of the same role when X and Y
 * each match the gold link's ends. The attribution row is the end-to-end
 * measure: a predicted claim finds a gold claim when it matches it and,
 * unless the gold claim has no source, one of its `source` links reaches a
 * unit matching one of the gold claim's sources (lenient: overlaps it). */
#ifndef GLOSS_EVAL_H
#define GLOSS_EVAL_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"

/* One annotation as read from a gloss YAML file (only what scoring uses). */
struct gl_eval_link {
    char *role;
    size_t target; /* index into gl_eval_file.ann */
};

struct gl_eval_ann {
    char *type;
    uint32_t start, end;     /* byte offsets */
    char *text;
    unsigned long line, col; /* in the article */
    char *kind;              /* attrs.kind when it is a string, else NULL */
    char **attrs;            /* string attrs as "key=value", for --ignore */
    size_t nattrs;
    int rejected;            /* review: rejected */
    struct gl_eval_link *links;
    size_t nlinks;
};

struct gl_eval_file {
    char *path;      /* the YAML file */
    char *article;   /* article.path */
    char sha256[65]; /* article.sha256 */
    struct gl_eval_ann *ann;
    size_t n;
};

/* Read a gloss annotation file (schema version 1, through annfile.h).
 * GL_EIO, GL_EYAML or GL_ESCHEMA with err filled as annfile does:
 * err->line/col locate the problem in the YAML file, err->msg does not
 * repeat them. Annotations that give only code points (added by hand) are
 * converted through the article named in the file. */
int gl_eval_file_load(const char *path, struct gl_eval_file *f,
                      struct gl_err *err);
void gl_eval_file_free(struct gl_eval_file *f);

/* Map a kind attribute to the coarse classes gold data uses: person,
 * organisation, location, misc; other kinds are returned lowercased as
 * they are ("group"). Writes into out (NUL-terminated). */
void gl_eval_norm_kind(const char *kind, char *out, size_t size);

struct gl_eval_opts {
    const char **types; /* score only these types (NULL: every type) */
    size_t ntypes;
    const char **kinds; /* keep only units of these normalised kinds; gold
                           units of other kinds become "don't care"
                           regions that silence overlapping predictions */
    size_t nkinds;
    int typed;          /* matching also requires the same normalised kind;
                           adds one row per kind */
    const char **ignore; /* "key=value": units whose head has one of these
                            string attrs are left out, gold ones as
                            "don't care" regions (a gold standard of names
                            says nothing of pronoun mentions) */
    size_t nignore;
};

struct gl_eval_count {
    size_t gold, pred, tp; /* units in gold, in predictions, matched */
};

enum gl_eval_rowkind {
    GL_EROW_TYPE = 1, /* label "claim" */
    GL_EROW_KIND,     /* label "actor/person" (typed only) */
    GL_EROW_LINK,     /* label "claim.source" */
    GL_EROW_E2E       /* label "attribution" */
};

struct gl_eval_row {
    enum gl_eval_rowkind kind;
    char *label;
    struct gl_eval_count exact, lenient;
};

/* A gold unit nothing found (miss) or a prediction that found nothing
 * (false hit), under lenient matching. */
struct gl_eval_miss {
    char *label;      /* the row */
    int false_hit;    /* 0: miss (gold), 1: false hit (prediction) */
    char *file;       /* the article path of the file it comes from */
    unsigned long line, col;
    char *text;       /* pieces joined by " ... "; links as "A -> B" */
    char *note;       /* why, when it helps ("claim found, source wrong") */
};

struct gl_eval {
    struct gl_eval_opts o;
    size_t ndocs;
    struct gl_eval_row *rows; /* sorted by kind, then label */
    size_t nrows, caprows;
    struct gl_eval_miss *miss; /* in the order found: file, row, position */
    size_t nmiss, capmiss;
};

void gl_eval_init(struct gl_eval *ev, const struct gl_eval_opts *o);
void gl_eval_fini(struct gl_eval *ev);

/* Score one article: pred against gold. GL_ESCHEMA when the two files are
 * about different articles (sha256 differ). pred may be NULL (nothing was
 * predicted). */
int gl_eval_add(struct gl_eval *ev, const struct gl_eval_file *gold,
                const struct gl_eval_file *pred, struct gl_err *err);

/* Precision, recall, F1 of a count; -1 when undefined (nothing predicted,
 * nothing in gold). F1 is 0 when tp is 0 and something was counted. */
double gl_eval_precision(const struct gl_eval_count *c);
double gl_eval_recall(const struct gl_eval_count *c);
double gl_eval_f1(const struct gl_eval_count *c);

#endif

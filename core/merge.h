/* merge.h - merge a fresh run of the scripts into a file a person has
 * reviewed, losing no decision (annotations/SCHEMA.md, "Merging"). Core
 * layer: works on an annotation file read back, its re-anchoring in the
 * current article, and the store of the new run. */
#ifndef GLOSS_MERGE_H
#define GLOSS_MERGE_H

#include <stddef.h>

#include "anchor.h"
#include "annfile.h"
#include "store.h"

/* Attribute and link role that flag a new suggestion overlapping an
 * annotation a person accepted or edited (same type, or the same span). */
#define GL_MERGE_FLAG "merge_conflict"
#define GL_MERGE_ROLE "conflicts"

struct gl_merge_stats {
    size_t kept;         /* decisions kept from the reviewed file */
    size_t moved;        /* of those, re-anchored to another place */
    size_t kept_pending; /* pending ones kept because a decision links them */
    size_t dropped;      /* pending ones left for the new run to redo */
    size_t added;        /* new suggestions, arriving as pending */
    size_t renewed;      /* pending ones the new run made again */
    size_t duplicate;    /* new suggestions the file already has */
    size_t suppressed;   /* new suggestions a person rejected before */
    size_t conflicts;    /* new suggestions kept and flagged */
};

/* 1 when a person decided something about the annotation: a review other
 * than pending, a note, or no rule (added by hand). */
int gl_merge_is_decision(const struct gl_af_ann *a);

/* 1 when res places the annotation in the current article (unchanged,
 * moved or placed). */
int gl_merge_placed(const struct gl_anchor *res);

/* Merge into `out` (initialised, empty): every decision of `rev` at its
 * re-anchored span res[i] (from gl_anchor_file for the current article)
 * with its review, note, attributes and links as the person left them;
 * pending annotations that a kept one links to; and each annotation of
 * `fresh` (the new run, over the same article) unless one of the same
 * type is already at the same span (a rejected one there suppresses it:
 * not suggested again). A new suggestion overlapping an accepted or
 * edited annotation of the same type (or at the same span) is kept,
 * pending, with attribute GL_MERGE_FLAG set to that review state and a
 * GL_MERGE_ROLE link to it. Links of new suggestions follow them to the
 * annotation that represents their target; links to rejected ones go.
 *
 * Returns 0, or the number of decisions res does not place (ambiguous or
 * lost): then nothing is merged and out stays empty, because a decision
 * is never dropped. stats may be NULL. */
size_t gl_merge(const struct gl_annfile *rev, const struct gl_anchor *res,
                const struct gl_store *fresh, struct gl_store *out,
                struct gl_merge_stats *stats);

#endif

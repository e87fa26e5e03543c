/* explain.h - why annotations exist, for `gloss run --explain`: per
 * annotation the regex or lexicon entry that produced its span and the
 * evidence spans a script named, plus the article's near misses. Core
 * layer; written by emit.c as `why:` and `near_misses:` (SCHEMA.md).
 *
 * Everything is kept resolved (text, code point offsets), not as byte
 * spans: an annotation file read back can then be written again exactly,
 * whatever article it is anchored to. Strings are owned by the struct. */
#ifndef GLOSS_EXPLAIN_H
#define GLOSS_EXPLAIN_H

#include <stddef.h>
#include <stdint.h>

/* Where a span came from: a regex match or a lexicon entry. */
struct gl_origin {
    char *match;    /* "regex" or "lexicon"; NULL: no origin */
    char *pattern;  /* regex: the pattern */
    char *lexicon;  /* lexicon: its file as the script named it */
    char *entry;    /* lexicon: the phrase of the entry matched */
    char *at;       /* "script:line" of the call that matched */
};

/* An evidence or near-miss span, resolved against its article. */
struct gl_espan {
    char *text;
    size_t len;               /* of text (an article may hold NUL bytes) */
    uint64_t start, end;      /* code points */
};

struct gl_evidence {
    char *role;               /* "cue", "speaker", ... */
    struct gl_espan sp;
};

struct gl_why {
    struct gl_origin origin;
    struct gl_evidence *ev;   /* sorted by role, roles unique */
    size_t nev, capev;
    char *note;               /* NULL when none */
};

struct gl_near {
    struct gl_espan sp;
    unsigned long line, col;  /* of sp.start in the article, 1-based */
    char *reason;
    char *rule;               /* "script:line" of the call; NULL: none */
};

struct gl_explain {
    struct gl_why *why;       /* indexed by store id; may be shorter */
    size_t nwhy, capwhy;
    struct gl_near *near;     /* in the order reported */
    size_t nnear, capnear;
    struct gl_origin *orig;   /* origins of spans (the binding's table) */
    size_t norig, caporig;
};

void gl_explain_init(struct gl_explain *ex);
void gl_explain_fini(struct gl_explain *ex);
/* Forget everything (for the next article); keeps the allocations. */
void gl_explain_clear(struct gl_explain *ex);

/* The why of store id `id`, created empty if needed. */
struct gl_why *gl_explain_why(struct gl_explain *ex, uint32_t id);
/* The why of `id` if it says anything, else NULL. */
const struct gl_why *gl_explain_get(const struct gl_explain *ex, uint32_t id);

/* Deep copy of an origin into `to` (which is overwritten, not freed). */
void gl_origin_copy(struct gl_origin *to, const struct gl_origin *from);
void gl_origin_free(struct gl_origin *o);

/* Set evidence `role` (replacing one of the same role); strings copied. */
void gl_why_evidence(struct gl_why *w, const char *role, const char *text,
                     size_t tlen, uint64_t start, uint64_t end);
void gl_why_free(struct gl_why *w);

/* Append a near miss; strings copied (rule may be NULL). */
void gl_explain_near(struct gl_explain *ex, const char *text, size_t tlen,
                     uint64_t start, uint64_t end, unsigned long line,
                     unsigned long col, const char *reason, size_t rlen,
                     const char *rule);

#endif

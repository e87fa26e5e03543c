/* re.h - PCRE2 regular expressions over validated articles. Core layer.
 *
 * Patterns compile with UTF and UCP (\w, \b, \d follow Unicode) and
 * ANYCRLF newlines, JIT when available. Subjects are article buffers that
 * were validated at load, so every match passes PCRE2_NO_UTF_CHECK: the
 * per-call check would make find-all quadratic. Match, depth and heap
 * limits are set on a per-regex match context. */
#ifndef GLOSS_RE_H
#define GLOSS_RE_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"

#define GL_RE_CASELESS  0x01 /* i */
#define GL_RE_EXTENDED  0x02 /* x */
#define GL_RE_MULTILINE 0x04 /* m: ^ $ at line ends */
#define GL_RE_DOTALL    0x08 /* s: . matches newlines */
#define GL_RE_LITERAL   0x10 /* the pattern is plain text */
/* Interpreter only, no JIT: for differential tests and debugging; not a
 * user-visible letter. */
#define GL_RE_NOJIT     0x100

#define GL_RE_UNSET ((size_t)-1) /* a capture that took no part */

/* Default limits; gl_re_set_limits() changes them per regex. */
#define GL_RE_MATCH_LIMIT 10000000u
#define GL_RE_DEPTH_LIMIT 10000u
#define GL_RE_HEAP_LIMIT_KB 65536u

struct gl_re;

/* Parse a flags string of the letters above ("ix"); returns -1 on an
 * unknown letter and stores it in *bad. */
int gl_re_parse_flags(const char *s, unsigned *flags, char *bad);

/* Compile. On failure returns NULL with err->code GL_ERE, err->offset the
 * byte offset in the pattern and PCRE2's message. Patterns must be valid
 * UTF-8 (checked here). */
struct gl_re *gl_re_compile(const char *pat, size_t len, unsigned flags,
                            struct gl_err *err);
void gl_re_free(struct gl_re *re);

void gl_re_set_limits(struct gl_re *re, uint32_t match, uint32_t depth,
                      uint32_t heap_kb);

/* Number of capture groups (not counting group 0). */
uint32_t gl_re_ncaptures(const struct gl_re *re);
/* Named groups: for i < gl_re_nnames(), the name and its group number. */
uint32_t gl_re_nnames(const struct gl_re *re);
const char *gl_re_name(const struct gl_re *re, uint32_t i, uint32_t *group);
const char *gl_re_pattern(const struct gl_re *re); /* as compiled */
int gl_re_jitted(const struct gl_re *re);

/* Find-all iterator over subj[from, to) where subj[0..len) is valid UTF-8
 * (matching skips PCRE2's UTF check, so this is a precondition; from and
 * to must be character boundaries, which is checked: GL_ERE otherwise).
 * Lookbehind may see bytes before `from`; nothing at or after `to` is
 * examined. Empty matches never loop: after an empty match the next search
 * starts with NOTEMPTY_ATSTART|ANCHORED at the same place and otherwise
 * advances one character (a CRLF counts as one). */
struct gl_re_iter {
    struct gl_re *re;
    const char *subj;
    size_t from, to, pos;
    int last_empty; /* the previous match was empty and ended at pos */
    int done;
    int has_prev;   /* prev_start/prev_end hold the last match returned */
    size_t prev_start, prev_end;
};

void gl_re_iter_init(struct gl_re_iter *it, struct gl_re *re,
                     const char *subj, size_t from, size_t to);

/* Next match: 1 and fills ov[0..2*(ncaptures+1)) with byte offsets into
 * subj (GL_RE_UNSET for unset captures); 0 when there are no more; a
 * negative gl_status (GL_ELIMIT ...) with err filled on a matching error.
 * `ov` must have room for 2*(gl_re_ncaptures()+1) entries. */
int gl_re_iter_next(struct gl_re_iter *it, size_t *ov, struct gl_err *err);

/* One match at or after `from` within subj[.., to); same results. */
int gl_re_find(struct gl_re *re, const char *subj, size_t from, size_t to,
               size_t *ov, struct gl_err *err);

#endif

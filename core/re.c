/* re.c - PCRE2 (8-bit, UTF + UCP) regexes and the find-all iterator.
 * Core layer: plain C11 over libpcre2-8. Subjects must be valid UTF-8
 * (validated documents): every match call passes PCRE2_NO_UTF_CHECK, so
 * handing this module unvalidated bytes is undefined behaviour in PCRE2. */
#include "re.h"

#include <stdlib.h>
#include <string.h>

#include <pcre2.h>

#include "budget.h"
#include "utf8.h"
#include "util.h"

#define MAX_PATTERN ((size_t)64 * 1024)

/* PCRE2's match limit counts per start position, so it bounds no time: a
 * pattern that backtracks a little at each of a million positions runs
 * for minutes. Two defences check the article's deadline (budget.h):
 * - normally the search runs in slices of start positions (an offset
 *   limit, which JIT supports), and the deadline is checked between
 *   slices; a slow slice makes the next ones smaller, down to one start
 *   position, whose cost the match limit bounds;
 * - a pattern using backtracking verbs such as (*COMMIT) or (*SKIP),
 *   whose meaning depends on seeing every start position in one call,
 *   gets a callout at its start instead, which runs at every start
 *   position (exact, but it defeats PCRE2's start-of-match search, up to
 *   6x slower on keyword patterns, so it is not the default). */
#define DEADLINE_CALLOUT "(?C255)"
#define DEADLINE_ABANDON (-9999)
#define SLICE_MIN ((size_t)1 << 8)   /* bytes of start positions a call */
#define SLICE_MAX ((size_t)1 << 20)  /* ... growing while slices are fast */
#define SLICE_SLOW_NS 10000000u       /* a slice slower than 10 ms shrinks */
#define JIT_STACK_MIN (32 * 1024)
#define JIT_STACK_MAX (1024 * 1024)

struct gl_re {
    pcre2_code *code;
    pcre2_match_data *md;
    pcre2_match_context *mctx;
    pcre2_jit_stack *jstack;
    char *pattern;
    uint32_t ncap;
    uint32_t nnames;
    char **names;
    uint32_t *groups;
    int jitted;
    int sliced;       /* deadline checked between offset-limited slices */
    size_t slice;     /* current slice length in bytes */
    uint32_t limits[3]; /* match, depth, heap_kb: quoted in error messages */
};

int gl_re_parse_flags(const char *s, unsigned *flags, char *bad)
{
    unsigned f = 0;

    for (; s && *s; s++) {
        switch (*s) {
        case 'i': f |= GL_RE_CASELESS; break;
        case 'x': f |= GL_RE_EXTENDED; break;
        case 'm': f |= GL_RE_MULTILINE; break;
        case 's': f |= GL_RE_DOTALL; break;
        case 'l': f |= GL_RE_LITERAL; break;
        default:
            if (bad) *bad = *s;
            return -1;
        }
    }
    *flags = f;
    return 0;
}

static uint32_t compile_options(unsigned flags)
{
    uint32_t o = PCRE2_UTF | PCRE2_USE_OFFSET_LIMIT;

    if (flags & GL_RE_CASELESS) o |= PCRE2_CASELESS;
    /* PCRE2_LITERAL refuses UCP, NEVER_BACKSLASH_C and the syntax options;
     * none of them means anything for plain text anyway. Caseless matching
     * of non-ASCII letters still follows Unicode in UTF mode. */
    if (flags & GL_RE_LITERAL) return o | PCRE2_LITERAL;
    o |= PCRE2_UCP | PCRE2_NEVER_BACKSLASH_C;
    if (flags & GL_RE_EXTENDED) o |= PCRE2_EXTENDED;
    if (flags & GL_RE_MULTILINE) o |= PCRE2_MULTILINE;
    if (flags & GL_RE_DOTALL) o |= PCRE2_DOTALL;
    return o;
}

/* Copy the name table so gl_re_name can hand out NUL-terminated strings
 * whose lifetime is the regex's, independent of PCRE2's layout. */
static void load_names(struct gl_re *re)
{
    uint32_t count = 0, esize = 0, i;
    PCRE2_SPTR table = NULL;

    pcre2_pattern_info(re->code, PCRE2_INFO_NAMECOUNT, &count);
    if (!count) return;
    pcre2_pattern_info(re->code, PCRE2_INFO_NAMEENTRYSIZE, &esize);
    pcre2_pattern_info(re->code, PCRE2_INFO_NAMETABLE, &table);
    re->names = xcalloc(count, sizeof *re->names);
    re->groups = xcalloc(count, sizeof *re->groups);
    for (i = 0; i < count; i++) {
        const unsigned char *e = table + (size_t)i * esize;
        re->groups[i] = ((uint32_t)e[0] << 8) | e[1];
        re->names[i] = xstrdup((const char *)e + 2);
    }
    re->nnames = count;
}

static int deadline_callout(pcre2_callout_block *cb, void *data)
{
    (void)cb;
    (void)data;
    return gl_budget_expired() ? DEADLINE_ABANDON : 0;
}

/* Where the deadline callout goes: after leading (*VERB) items such as
 * (*UTF) or (*LIMIT_MATCH=n), which must open the pattern. */
static size_t callout_at(const char *pat, size_t len)
{
    size_t i = 0;

    while (i + 1 < len && pat[i] == '(' && pat[i + 1] == '*') {
        const char *close = memchr(pat + i, ')', len - i);
        if (!close) break;
        i = (size_t)(close - pat) + 1;
    }
    return i;
}

/* 1 when the pattern (after its leading option verbs) uses a
 * backtracking control verb like (*COMMIT): slicing could change what
 * such a pattern matches. Over-approximates ("\(*" counts), which only
 * costs speed. */
static int has_verbs(const char *pat, size_t len, size_t from)
{
    size_t i;

    for (i = from; i + 1 < len; i++)
        if (pat[i] == '(' && pat[i + 1] == '*') return 1;
    return 0;
}

struct gl_re *gl_re_compile(const char *pat, size_t len, unsigned flags,
                            struct gl_err *err)
{
    pcre2_compile_context *cctx;
    pcre2_code *code;
    struct gl_re *re;
    size_t bad = 0, eoff = 0, at = 0, extra = 0;
    int ecode = 0;
    struct gl_buf full = {0};

    if (len > MAX_PATTERN) {
        gl_err_set(err, GL_ETOOBIG, 0,
                   "pattern of %zu bytes is over the %zu byte limit", len,
                   MAX_PATTERN);
        return NULL;
    }
    if (!gl_utf8_valid(pat, len, &bad)) {
        gl_err_set(err, GL_ERE, bad, "invalid UTF-8 in pattern at offset %zu",
                   bad);
        return NULL;
    }
    cctx = pcre2_compile_context_create(NULL);
    if (!cctx) {
        gl_err_set(err, GL_ERE, 0, "cannot allocate a compile context");
        return NULL;
    }
    pcre2_set_newline(cctx, PCRE2_NEWLINE_ANYCRLF);
    pcre2_set_bsr(cctx, PCRE2_BSR_ANYCRLF);
    /* A literal pattern cannot backtrack and is always sliced. */
    if (!(flags & GL_RE_LITERAL)) {
        at = callout_at(pat, len);
        if (has_verbs(pat, len, at)) extra = sizeof DEADLINE_CALLOUT - 1;
    }
    gl_buf_add(&full, pat, at);
    if (extra) gl_buf_add(&full, DEADLINE_CALLOUT, extra);
    gl_buf_add(&full, pat + at, len - at);
    code = pcre2_compile((PCRE2_SPTR)full.p, full.len, compile_options(flags),
                         &ecode, &eoff, cctx);
    pcre2_compile_context_free(cctx);
    gl_buf_free(&full);
    if (!code) {
        PCRE2_UCHAR msg[200];
        if (pcre2_get_error_message(ecode, msg, sizeof msg) < 0)
            strcpy((char *)msg, "unknown error");
        if (eoff >= at + extra) /* report offsets in the user's pattern */
            eoff -= extra;
        else if (eoff > at)
            eoff = at;
        gl_err_set(err, GL_ERE, eoff, "%s at offset %zu", (char *)msg, eoff);
        return NULL;
    }

    re = xcalloc(1, sizeof *re);
    re->code = code;
    re->sliced = extra == 0;
    re->slice = SLICE_MIN;
    re->pattern = xmemdup(pat, len);
    pcre2_pattern_info(code, PCRE2_INFO_CAPTURECOUNT, &re->ncap);
    load_names(re);
    if (!(flags & GL_RE_NOJIT))
        re->jitted = pcre2_jit_compile(code, PCRE2_JIT_COMPLETE) == 0;
    re->md = pcre2_match_data_create_from_pattern(code, NULL);
    re->mctx = pcre2_match_context_create(NULL);
    if (!re->md || !re->mctx) {
        gl_re_free(re);
        gl_err_set(err, GL_ERE, 0, "cannot allocate match data");
        return NULL;
    }
    if (!re->sliced) pcre2_set_callout(re->mctx, deadline_callout, NULL);
    if (re->jitted) {
        /* The default 32K machine stack is enough for ordinary patterns;
         * a growable one keeps deeper backtracking from failing early. */
        re->jstack = pcre2_jit_stack_create(JIT_STACK_MIN, JIT_STACK_MAX, NULL);
        if (re->jstack) pcre2_jit_stack_assign(re->mctx, NULL, re->jstack);
    }
    gl_re_set_limits(re, GL_RE_MATCH_LIMIT, GL_RE_DEPTH_LIMIT,
                     GL_RE_HEAP_LIMIT_KB);
    return re;
}

void gl_re_free(struct gl_re *re)
{
    uint32_t i;

    if (!re) return;
    for (i = 0; i < re->nnames; i++) free(re->names[i]);
    free(re->names);
    free(re->groups);
    if (re->jstack) pcre2_jit_stack_free(re->jstack);
    pcre2_match_context_free(re->mctx);
    pcre2_match_data_free(re->md);
    pcre2_code_free(re->code);
    free(re->pattern);
    free(re);
}

void gl_re_set_limits(struct gl_re *re, uint32_t match, uint32_t depth,
                      uint32_t heap_kb)
{
    pcre2_set_match_limit(re->mctx, match);
    pcre2_set_depth_limit(re->mctx, depth);
    pcre2_set_heap_limit(re->mctx, heap_kb);
    re->limits[0] = match;
    re->limits[1] = depth;
    re->limits[2] = heap_kb;
}

uint32_t gl_re_ncaptures(const struct gl_re *re) { return re->ncap; }
uint32_t gl_re_nnames(const struct gl_re *re) { return re->nnames; }
const char *gl_re_pattern(const struct gl_re *re) { return re->pattern; }
int gl_re_jitted(const struct gl_re *re) { return re->jitted; }

const char *gl_re_name(const struct gl_re *re, uint32_t i, uint32_t *group)
{
    if (i >= re->nnames) return NULL;
    if (group) *group = re->groups[i];
    return re->names[i];
}

static int match_error(const struct gl_re *re, int rc, struct gl_err *err)
{
    PCRE2_UCHAR msg[200];

    switch (rc) {
    case PCRE2_ERROR_MATCHLIMIT:
        return gl_err_set(err, GL_ELIMIT, 0, "regex match limit (%lu) exceeded",
                          (unsigned long)re->limits[0]);
    case PCRE2_ERROR_DEPTHLIMIT:
        return gl_err_set(err, GL_ELIMIT, 0, "regex depth limit (%lu) exceeded",
                          (unsigned long)re->limits[1]);
    case PCRE2_ERROR_HEAPLIMIT:
        return gl_err_set(err, GL_ELIMIT, 0,
                          "regex heap limit (%lu KiB) exceeded",
                          (unsigned long)re->limits[2]);
    case PCRE2_ERROR_JIT_STACKLIMIT:
        return gl_err_set(err, GL_ELIMIT, 0,
                          "regex JIT stack limit (%d KiB) exceeded",
                          JIT_STACK_MAX / 1024);
    case DEADLINE_ABANDON:
        return gl_err_set(err, GL_ELIMIT, 0,
                          "time limit (%llu ms) reached while matching",
                          (unsigned long long)gl_budget_ms());
    default:
        if (pcre2_get_error_message(rc, msg, sizeof msg) < 0)
            strcpy((char *)msg, "unknown error");
        return gl_err_set(err, GL_ERE, 0, "regex match failed: %s",
                          (char *)msg);
    }
}

/* A character boundary test that reads only bytes before `to`: find the
 * lead byte of the character holding to-1 and check it ends at `to`. */
static int ends_on_boundary(const char *s, size_t floor, size_t to)
{
    size_t i = to;
    unsigned char c;
    size_t n;

    if (to == 0) return 1;
    do {
        i--;
    } while (i > floor && (((unsigned char)s[i]) & 0xC0) == 0x80);
    c = (unsigned char)s[i];
    n = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    return i + n == to;
}

static int check_range(const char *subj, size_t from, size_t to,
                       struct gl_err *err)
{
    if (from > to)
        return gl_err_set(err, GL_ERE, from, "search start %zu after end %zu",
                          from, to);
    if ((from < to && (((unsigned char)subj[from]) & 0xC0) == 0x80) ||
        !ends_on_boundary(subj, 0, to))
        return gl_err_set(err, GL_ERE, from,
                          "search range [%zu,%zu) not on character boundaries",
                          from, to);
    return GL_OK;
}

/* pcre2_match from `start`, in offset-limited slices when the regex is
 * sliced and a deadline is armed, checking it between slices. Returns
 * PCRE2's code (or DEADLINE_ABANDON). */
static int search(struct gl_re *re, const char *subj, size_t start, size_t to,
                  uint32_t opts)
{
    size_t pos = start;
    int rc;

    if (!re->sliced || (opts & PCRE2_ANCHORED) || !gl_budget_ms()) {
        pcre2_set_offset_limit(re->mctx, PCRE2_UNSET);
        return pcre2_match(re->code, (PCRE2_SPTR)subj, to, start,
                           opts | PCRE2_NO_UTF_CHECK, re->md, re->mctx);
    }
    for (;;) {
        size_t limit = to - pos > re->slice ? pos + re->slice : to;
        uint64_t t0 = gl_now_ns();

        pcre2_set_offset_limit(re->mctx, limit);
        rc = pcre2_match(re->code, (PCRE2_SPTR)subj, to, pos,
                         opts | PCRE2_NO_UTF_CHECK, re->md, re->mctx);
        if (rc != PCRE2_ERROR_NOMATCH) return rc;
        if (gl_budget_expired()) return DEADLINE_ABANDON;
        if (limit >= to) return rc;
        if (gl_now_ns() - t0 > SLICE_SLOW_NS && re->slice > 1)
            re->slice /= 4;
        else if (re->slice < SLICE_MAX)
            re->slice *= 2;
        if (re->slice == 0) re->slice = 1;
        /* no match starts in [pos, limit]: go on after it, on a character
         * boundary, never between the CR and LF of a line break */
        pos = limit + 1;
        while (pos < to && ((unsigned char)subj[pos] & 0xC0) == 0x80) pos++;
        if (pos < to && subj[pos] == '\n' && subj[pos - 1] == '\r') pos++;
        if (pos > to) return PCRE2_ERROR_NOMATCH;
        opts &= ~(uint32_t)PCRE2_NOTEMPTY_ATSTART; /* only for the first start */
    }
}

/* Run one search; 1 with ov filled, 0 for no match, < 0 on error. */
static int run(struct gl_re *re, const char *subj, size_t start, size_t to,
               uint32_t opts, size_t *ov, struct gl_err *err)
{
    PCRE2_SIZE *v;
    uint32_t i, n;
    int rc;

    rc = search(re, subj, start, to, opts);
    if (rc == PCRE2_ERROR_NOMATCH) return 0;
    if (rc < 0) return match_error(re, rc, err);
    v = pcre2_get_ovector_pointer(re->md);
    /* \K inside a lookaround could put the start after the end; PCRE2 10.38+
     * already refuses such patterns at compile time, and we refuse the match
     * rather than invent a span if one ever gets through. */
    if (v[0] > v[1])
        return gl_err_set(err, GL_ERE, v[0],
                          "match start after end (\\K in lookaround)");
    /* rc == 0 would mean the ovector is too small: impossible with match
     * data sized from the pattern, but then every group counts as set. */
    n = rc == 0 ? re->ncap + 1 : (uint32_t)rc;
    for (i = 0; i <= re->ncap; i++) {
        if (i < n && v[2 * i] != PCRE2_UNSET) {
            ov[2 * i] = v[2 * i];
            ov[2 * i + 1] = v[2 * i + 1];
        } else {
            ov[2 * i] = ov[2 * i + 1] = GL_RE_UNSET;
        }
    }
    return 1;
}

void gl_re_iter_init(struct gl_re_iter *it, struct gl_re *re,
                     const char *subj, size_t from, size_t to)
{
    it->re = re;
    it->subj = subj;
    it->from = from;
    it->to = to;
    it->pos = from;
    it->last_empty = 0;
    it->done = 0;
    it->has_prev = 0;
    it->prev_start = it->prev_end = 0;
}

/* One character forward from pos; a CRLF is one step (ANYCRLF newlines). */
static size_t step(const char *s, size_t pos, size_t to)
{
    if (s[pos] == '\r' && pos + 1 < to && s[pos + 1] == '\n') return pos + 2;
    pos++;
    while (pos < to && (((unsigned char)s[pos]) & 0xC0) == 0x80) pos++;
    return pos;
}

int gl_re_iter_next(struct gl_re_iter *it, size_t *ov, struct gl_err *err)
{
    int rc;

    if (it->done) return 0;
    rc = check_range(it->subj, it->from, it->to, err);
    if (rc < 0) {
        it->done = 1;
        return rc;
    }
    for (;;) {
        uint32_t opts = 0;

        if (it->last_empty) opts = PCRE2_NOTEMPTY_ATSTART | PCRE2_ANCHORED;
        rc = run(it->re, it->subj, it->pos, it->to, opts, ov, err);
        if (rc < 0) {
            it->done = 1;
            return rc;
        }
        if (rc == 0) {
            if (!it->last_empty || it->pos >= it->to) {
                it->done = 1;
                return 0;
            }
            /* No non-empty match here: try the next character freely. */
            it->last_empty = 0;
            it->pos = step(it->subj, it->pos, it->to);
            continue;
        }
        break;
    }
    /* Forward progress: each search starts at or after the previous end
     * and an empty match is never repeated, so the same span cannot come
     * back; checked anyway because a loop here would hang the caller. */
    if (ov[0] < it->pos ||
        (it->has_prev && ov[0] == it->prev_start && ov[1] == it->prev_end)) {
        it->done = 1;
        return gl_err_set(err, GL_ERE, ov[0],
                          "regex iterator made no progress at %zu", ov[0]);
    }
    it->has_prev = 1;
    it->prev_start = ov[0];
    it->prev_end = ov[1];
    it->pos = ov[1];
    it->last_empty = ov[0] == ov[1];
    return 1;
}

int gl_re_find(struct gl_re *re, const char *subj, size_t from, size_t to,
               size_t *ov, struct gl_err *err)
{
    int rc = check_range(subj, from, to, err);

    if (rc < 0) return rc;
    return run(re, subj, from, to, 0, ov, err);
}

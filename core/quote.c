/* quote.c - pairing quotation marks into quotations (gl_find_quotes).
 * Core layer. Works on the QUOTE tokens of each paragraph with a stack of
 * open quotations; parent/depth are derived afterwards from containment,
 * which also covers quotations created out of order (UNOPENED). */
#include "quote.h"

#include <stdlib.h>

#include "doc.h"
#include "utf8.h"
#include "util.h"

enum { DIR_OPEN, DIR_CLOSE, DIR_CONTEXT };
/* ROLE_*_GUESS: a curly mark used the wrong way round (”Hello”), taken
 * the way the context says and flagged AMBIGUOUS. */
enum {
    ROLE_NONE, ROLE_OPEN, ROLE_CLOSE, ROLE_MAYBE_CLOSE, ROLE_OPEN_GUESS,
    ROLE_CLOSE_GUESS
};

struct mark {
    uint8_t family; /* enum gl_quote_family; 0 when not a mark */
    uint8_t dir;    /* DIR_* by glyph */
    uint8_t curly;  /* typographic (1) or typewriter (0) style */
    uint8_t low9;   /* „ ‚: German pairs them with “ ‘ as closers */
    uint8_t apos;   /* ' ’: may be an apostrophe */
};

static struct mark mark_of(const struct gl_doc *doc, const struct gl_token *t)
{
    struct mark m = {0, DIR_OPEN, 1, 0, 0};
    size_t i = t->start;
    uint32_t cp = gl_utf8_next(doc->bytes, &i);
    int two = t->end - t->start == 2 && cp < 0x80; /* `` '' */

    switch (cp) {
    case '"': m.family = GL_QM_DOUBLE; m.dir = DIR_CONTEXT; m.curly = 0; break;
    case '\'':
        m.family = two ? GL_QM_DOUBLE : GL_QM_SINGLE;
        m.dir = DIR_CONTEXT;
        m.curly = 0;
        m.apos = !two;
        break;
    case '`': m.family = two ? GL_QM_DOUBLE : GL_QM_SINGLE; m.curly = 0; break;
    case 0x201C: case 0x201F: m.family = GL_QM_DOUBLE; break;
    case 0x201E: m.family = GL_QM_DOUBLE; m.low9 = 1; break;
    case 0x201D: m.family = GL_QM_DOUBLE; m.dir = DIR_CLOSE; break;
    case 0x2018: case 0x201B: m.family = GL_QM_SINGLE; break;
    case 0x201A: m.family = GL_QM_SINGLE; m.low9 = 1; break;
    case 0x2019: m.family = GL_QM_SINGLE; m.dir = DIR_CLOSE; m.apos = 1; break;
    case 0x00AB: m.family = GL_QM_ANGLE; break;
    case 0x00BB: m.family = GL_QM_ANGLE; m.dir = DIR_CLOSE; break;
    case 0x2039: m.family = GL_QM_ANGLE1; break;
    case 0x203A: m.family = GL_QM_ANGLE1; m.dir = DIR_CLOSE; break;
    default: break;
    }
    return m;
}

struct open {
    size_t q;       /* index in doc->quotes */
    struct mark m;  /* the opening mark */
};

struct state {
    struct gl_doc *doc;
    size_t qcap;
    struct open *st;
    size_t nst, stcap;
    size_t pa, pb;  /* tokens of the current paragraph */
    size_t floor;   /* first token an UNOPENED quotation may start at */
    int prev_open;  /* the previous token was an opening mark */
};

static const struct gl_quote *top(const struct state *s)
{
    return s->nst ? &s->doc->quotes[s->st[s->nst - 1].q] : NULL;
}

static int is_wordish(const struct gl_token *t)
{
    return t->kind == GL_TOK_WORD || t->kind == GL_TOK_NUMBER;
}

/* Brackets and dashes before a mark count as space: ("..., —"... */
static int opens_context(const struct gl_doc *doc, const struct gl_token *t)
{
    size_t i = t->start;
    uint32_t cp;

    if (t->kind != GL_TOK_PUNCT) return 0;
    cp = gl_utf8_next(doc->bytes, &i);
    return cp == '(' || cp == '[' || cp == '{' || cp == '-' ||
           cp == 0x2013 || cp == 0x2014 || cp == 0x2015;
}

/* Decide what the mark at token k does, from the glyph, the neighbouring
 * tokens and (for undecidable straight marks) the open quotations. */
static int role_of(const struct state *s, size_t k, const struct mark *m)
{
    const struct gl_doc *doc = s->doc;
    const struct gl_token *tk = doc->tokens;
    int sp_before = k == s->pa || tk[k - 1].end < tk[k].start;
    int sp_after = k + 1 >= s->pb || tk[k + 1].start > tk[k].end;
    int open_before = sp_before || s->prev_open ||
                      opens_context(doc, &tk[k - 1]);
    int word_before = !sp_before && is_wordish(&tk[k - 1]);
    int word_after = !sp_after && is_wordish(&tk[k + 1]);
    int digit_after = word_after &&
                      (unsigned char)(doc->bytes[tk[k + 1].start] - '0') < 10;
    const struct gl_quote *q = top(s);

    if (m->apos) {
        if (!sp_before && !open_before && word_after)
            return ROLE_NONE; /* "Trump"'s */
        if (open_before && digit_after)
            return ROLE_NONE; /* '90s */
        if (m->dir == DIR_CLOSE && open_before && !sp_after)
            return ROLE_NONE; /* ’em, ’til: a curly closer cannot open */
        if (word_before && !word_after)
            return ROLE_MAYBE_CLOSE; /* end of a quote or protesters' */
    }
    if (m->dir == DIR_OPEN) {
        if (!q || q->family != m->family || m->low9 || open_before ||
            (!sp_after && word_after))
            return ROLE_OPEN;
        /* „Ja“ and ‚ja‘: the German closers look like English openers */
        return s->st[s->nst - 1].m.low9 ? ROLE_CLOSE : ROLE_CLOSE_GUESS;
    }
    if (m->dir == DIR_CLOSE) {
        if (!q && sp_before && word_after) return ROLE_OPEN_GUESS;
        return ROLE_CLOSE;
    }
    if (open_before && !sp_after) return ROLE_OPEN;
    if (!sp_before && (sp_after || !word_after)) return ROLE_CLOSE;
    return q && q->family == m->family ? ROLE_CLOSE : ROLE_OPEN;
}

static size_t new_quote(struct state *s, uint32_t start, uint32_t cstart,
                        uint8_t family, uint16_t flags)
{
    struct gl_doc *doc = s->doc;
    struct gl_quote *q;

    GL_GROW(doc->quotes, s->qcap, doc->nquotes + 1);
    q = &doc->quotes[doc->nquotes];
    q->start = start;
    q->cstart = cstart;
    q->end = q->cend = cstart;
    q->parent = -1;
    q->depth = 0;
    q->family = family;
    q->flags = flags;
    return doc->nquotes++;
}

/* Close the innermost open quotation at [cend, end). */
static void pop(struct state *s, uint32_t cend, uint32_t end, uint16_t flags)
{
    struct gl_quote *q = &s->doc->quotes[s->st[--s->nst].q];

    q->cend = cend;
    q->end = end;
    q->flags |= flags;
}

static void close_mark(struct state *s, size_t k, const struct mark *m,
                       int maybe)
{
    const struct gl_token *t = &s->doc->tokens[k];
    size_t j = s->nst;
    uint16_t fl = maybe ? GL_QF_AMBIGUOUS : 0;
    int crossed;

    while (j > 0 && s->doc->quotes[s->st[j - 1].q].family != m->family) j--;
    if (j == 0 && s->nst == 0) {
        /* nothing open: from the paragraph start (or the end of a quotation
         * carried over from earlier paragraphs) to this mark */
        uint32_t from = s->doc->tokens[s->floor].start;
        size_t q = new_quote(s, from, from, m->family, GL_QF_UNOPENED);
        s->doc->quotes[q].cend = t->start;
        s->doc->quotes[q].end = t->end;
        return;
    }
    if (j == 0) {
        fl |= GL_QF_MISMATCH;
        j = s->nst;
    }
    while (s->nst > j) pop(s, t->start, t->start, GL_QF_UNCLOSED);
    if (s->st[j - 1].m.curly != m->curly) fl |= GL_QF_MISMATCH;
    crossed = s->doc->quotes[s->st[j - 1].q].start <
              s->doc->tokens[s->pa].start;
    pop(s, t->start, t->end, fl);
    if (crossed) s->floor = k + 1 < s->pb ? k + 1 : k;
}

static void push(struct state *s, size_t k, const struct mark *m)
{
    const struct gl_token *t = &s->doc->tokens[k];
    size_t q = new_quote(s, t->start, t->end, m->family, 0);

    GL_GROW(s->st, s->stcap, s->nst + 1);
    s->st[s->nst].q = q;
    s->st[s->nst].m = *m;
    s->nst++;
}

/* At the end of paragraph p: carry the outermost open quotation into the
 * next paragraph when that one reopens it, close the rest. Returns the
 * token index of the reopening mark to skip, or (size_t)-1. */
static size_t paragraph_end(struct state *s, size_t p)
{
    struct gl_doc *doc = s->doc;
    uint32_t pend = doc->paragraphs[p].end;
    size_t skip = (size_t)-1;

    if (s->nst == 0) return skip;
    if (p + 1 < doc->nparagraphs) {
        const struct gl_paragraph *np = &doc->paragraphs[p + 1];
        size_t k = np->tok_first;
        if (k < np->tok_end && doc->tokens[k].kind == GL_TOK_QUOTE) {
            struct mark m = mark_of(doc, &doc->tokens[k]);
            struct state t = *s;
            t.pa = np->tok_first;
            t.pb = np->tok_end;
            t.nst = 1;
            t.prev_open = 0;
            if (m.family == doc->quotes[s->st[0].q].family &&
                role_of(&t, k, &m) == ROLE_OPEN)
                skip = k;
        }
    }
    while (s->nst > (skip != (size_t)-1 ? 1u : 0u))
        pop(s, pend, pend, GL_QF_UNCLOSED);
    if (skip != (size_t)-1) doc->quotes[s->st[0].q].flags |= GL_QF_CONTINUED;
    return skip;
}

static int cmp_quote(const void *a, const void *b)
{
    const struct gl_quote *x = a, *y = b;

    if (x->start != y->start) return x->start < y->start ? -1 : 1;
    if (x->end != y->end) return x->end > y->end ? -1 : 1;
    return (x->cstart > y->cstart) - (x->cstart < y->cstart);
}

/* parent/depth from containment over the sorted, properly nested array */
static void link_parents(struct gl_doc *doc)
{
    size_t *st = NULL, n = 0, cap = 0, i;

    for (i = 0; i < doc->nquotes; i++) {
        struct gl_quote *q = &doc->quotes[i];
        while (n && doc->quotes[st[n - 1]].end < q->end) n--;
        q->parent = n ? (int32_t)st[n - 1] : -1;
        q->depth = (uint8_t)(n < 255 ? n : 255);
        GL_GROW(st, cap, n + 1);
        st[n++] = i;
    }
    free(st);
}

void gl_find_quotes(struct gl_doc *doc)
{
    struct state s = {0};
    size_t p, k, skip = (size_t)-1;

    free(doc->quotes);
    doc->quotes = NULL;
    doc->nquotes = 0;
    s.doc = doc;
    for (p = 0; p < doc->nparagraphs; p++) {
        s.pa = doc->paragraphs[p].tok_first;
        s.pb = doc->paragraphs[p].tok_end;
        s.floor = s.pa;
        s.prev_open = 0;
        for (k = s.pa; k < s.pb; k++) {
            const struct gl_token *t = &doc->tokens[k];
            struct mark m;
            int role;

            if (t->kind != GL_TOK_QUOTE || k == skip) {
                s.prev_open = k == skip;
                continue;
            }
            m = mark_of(doc, t);
            role = role_of(&s, k, &m);
            s.prev_open = role == ROLE_OPEN || role == ROLE_OPEN_GUESS;
            if (s.prev_open) {
                push(&s, k, &m);
                if (role == ROLE_OPEN_GUESS)
                    doc->quotes[doc->nquotes - 1].flags |= GL_QF_AMBIGUOUS;
            } else if (role == ROLE_CLOSE || role == ROLE_CLOSE_GUESS) {
                close_mark(&s, k, &m, role == ROLE_CLOSE_GUESS);
            } else if (role == ROLE_MAYBE_CLOSE && s.nst &&
                       top(&s)->family == m.family) {
                close_mark(&s, k, &m, 1);
            }
        }
        skip = paragraph_end(&s, p);
    }
    free(s.st);
    if (doc->nquotes > 1)
        qsort(doc->quotes, doc->nquotes, sizeof *doc->quotes, cmp_quote);
    link_parents(doc);
}

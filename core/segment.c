/* segment.c - paragraphs and sentences of an article, and offset lookups
 * over the token/sentence/paragraph arrays. Core layer. Tokens come from
 * gl_tokenize (tokenize.c); paragraphs are found from the line breaks in
 * the gaps between tokens, so they are trimmed and consistent with the
 * tokenizer's idea of space by construction. */
#include "segment.h"

#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "unicode.h"
#include "utf8.h"
#include "util.h"

/* Line breaks (LF, CRLF, lone CR) in s[a..b), counting no further than
 * `stop`. Only whitespace lies between tokens, so this is cheap. */
static int gap_breaks(const char *s, uint32_t a, uint32_t b, int stop)
{
    int n = 0;

    for (; a < b; a++) {
        if (s[a] == '\n') {
            n++;
        } else if (s[a] == '\r') {
            n++;
            if (a + 1 < b && s[a + 1] == '\n') a++;
        } else {
            continue;
        }
        if (n >= stop) break;
    }
    return n;
}

static uint32_t first_cp(const struct gl_doc *doc, const struct gl_token *t)
{
    size_t i = t->start;

    if ((unsigned char)doc->bytes[i] < 0x80) return (unsigned char)doc->bytes[i];
    return gl_utf8_next(doc->bytes, &i);
}

static int tok_is(const struct gl_doc *doc, const struct gl_token *t,
                  const char *w)
{
    const char *p = doc->bytes + t->start;
    size_t n = t->end - t->start;

    return p[0] == w[0] && strncmp(p, w, n) == 0 && w[n] == '\0';
}

static int tok_in(const struct gl_doc *doc, const struct gl_token *t,
                  const char *const *list)
{
    /* no length cap: one of 6 bytes kept "However", "Although" and the
     * other long starters from ever counting */
    for (; *list; list++)
        if (tok_is(doc, t, *list)) return 1;
    return 0;
}

/* Never end a sentence after these followed by a period: titles before a
 * name, and the month and number abbreviations used before a figure. */
static const char *const never_final[] = {
    "Mr", "Mrs", "Ms", "Messrs", "Dr", "Prof", "Gen", "Col", "Lt", "Sgt",
    "Capt", "Maj", "Adm", "Cmdr", "Cpl", "Pvt", "Brig", "Rep", "Reps",
    "Sen", "Sens", "Gov", "Pres", "Rev", "Hon", "Fr", "St", "Mt", "Ft",
    "Supt", "Det", "Insp", "No", "Nos", "Vol", "vs", "v", "cf", "viz",
    "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct",
    "Nov", "Dec", NULL
};

/* These may end a sentence; with initialisms (U.S., a.m.) they end one
 * only before a word that commonly starts a sentence. */
static const char *const maybe_final[] = {
    "Inc", "Corp", "Co", "Ltd", "Jr", "Sr", "etc", "Bros", "LLC", "al",
    "Ave", "Blvd", "Rd", "Ala", "Ariz", "Ark", "Calif", "Colo", "Conn",
    "Del", "Fla", "Ga", "Ill", "Ind", "Kan", "Ky", "La", "Md", "Mass",
    "Mich", "Minn", "Miss", "Mo", "Mont", "Neb", "Nev", "Okla", "Ore", "Pa",
    "Tenn", "Tex", "Va", "Vt", "Wash", "Wis", "Wyo", NULL
};

static const char *const starters[] = {
    "The", "A", "An", "He", "She", "It", "They", "We", "I", "You", "His",
    "Her", "Its", "Their", "Our", "This", "That", "These", "Those", "There",
    "Then", "But", "And", "Yet", "So", "Or", "In", "On", "At", "For", "As",
    "After", "Before", "When", "While", "If", "Although", "However",
    "Meanwhile", "Also", "Still", "Now", "Some", "Many", "Most", "No",
    "One", "What", "Why", "How", "Who", "Where", "Last", "Since", "During",
    "Under", "With", "By", "From", "Despite", "Earlier", "Later", NULL
};

static int is_stop_cp(uint32_t cp)
{
    return cp == '.' || cp == '!' || cp == '?' || cp == 0x2026 ||
           cp == 0x203C || cp == 0x2047 || cp == 0x2048 || cp == 0x2049;
}

/* Punctuation that can end a sentence (., ..., !, ?, …). */
static int is_stop(const struct gl_doc *doc, const struct gl_token *t)
{
    return t->kind == GL_TOK_PUNCT && is_stop_cp(first_cp(doc, t));
}

/* What may follow the full stop and still belong to the sentence. */
static int is_closer(const struct gl_doc *doc, const struct gl_token *t)
{
    uint32_t cp;

    if (t->kind != GL_TOK_QUOTE && t->kind != GL_TOK_PUNCT) return 0;
    cp = first_cp(doc, t);
    switch (cp) {
    case ')': case ']': case '}': case '"': case '\'':
    case 0x2019: case 0x201D: case 0x00BB: case 0x203A:
        return 1;
    default:
        return 0;
    }
}

/* A token a new sentence may start with. */
static int plausible_start(const struct gl_doc *doc, const struct gl_token *t)
{
    uint32_t cp = first_cp(doc, t);

    switch (t->kind) {
    case GL_TOK_NUMBER:
        return 1;
    case GL_TOK_WORD:
        if (t->flags & GL_TOKF_UPPER_INITIAL) return 1;
        if (cp >= '0' && cp <= '9') return 1;
        /* scripts without case */
        return cp >= 0x80 && (gl_uclass(cp) == GL_UC_LETTER ||
                              gl_uclass(cp) == GL_UC_DIGIT);
    case GL_TOK_QUOTE:
        return cp != 0x201D && cp != 0x00BB && cp != 0x203A;
    case GL_TOK_PUNCT:
        return cp == '(' || cp == '[' || cp == '{' || cp == 0x00BF ||
               cp == 0x00A1;
    default:
        return 0;
    }
}

/* Whether the period ending token k (a "." after a word, or the last
 * character of an initialism) stops short of a sentence end before `next`. */
static int abbrev_holds(const struct gl_doc *doc, const struct gl_token *tk,
                        size_t k, size_t first, const struct gl_token *next)
{
    const struct gl_token *t = &tk[k], *w;

    if (t->kind == GL_TOK_WORD) /* U.S., a.m. */
        return !tok_in(doc, next, starters);
    if (t->end - t->start != 1 || k == first) return 0;
    w = &tk[k - 1];
    if (w->kind != GL_TOK_WORD || w->end != t->start) return 0;
    if (tok_in(doc, w, never_final)) return 1;
    /* an initial: John F. Kennedy, J. R. R. Tolkien */
    if (w->flags & GL_TOKF_UPPER_INITIAL) {
        size_t i = w->start;
        gl_utf8_next(doc->bytes, &i);
        if (i == w->end) return 1;
    }
    if (tok_in(doc, w, maybe_final)) return !tok_in(doc, next, starters);
    return 0;
}

static void add_sentence(struct gl_doc *doc, size_t *cap, size_t a, size_t b,
                         size_t para)
{
    struct gl_sentence *s;

    GL_GROW(doc->sentences, *cap, doc->nsentences + 1);
    s = &doc->sentences[doc->nsentences++];
    s->start = doc->tokens[a].start;
    s->end = doc->tokens[b - 1].end;
    s->tok_first = (uint32_t)a;
    s->tok_end = (uint32_t)b;
    s->para = (uint32_t)para;
    doc->tokens[a].flags |= GL_TOKF_SENT_START;
}

/* Split the tokens [a, b) of paragraph p into sentences. */
static void split_sentences(struct gl_doc *doc, size_t *cap, size_t a,
                            size_t b, size_t p, int one)
{
    const struct gl_token *tk = doc->tokens;
    size_t s = a, k = a, e;

    while (!one && k < b) {
        const struct gl_token *t = &tk[k];
        int dot;

        if (t->kind == GL_TOK_WORD) {
            dot = doc->bytes[t->end - 1] == '.';
            if (!dot) {
                k++;
                continue;
            }
        } else if (is_stop(doc, t)) {
            dot = t->end - t->start == 1 && doc->bytes[t->start] == '.';
        } else {
            k++;
            continue;
        }
        e = k;
        while (e + 1 < b && tk[e + 1].start == tk[e].end &&
               is_stop(doc, &tk[e + 1])) {
            e++;
            dot = 0; /* "?!", ".." and the like are not abbreviations */
        }
        while (e + 1 < b && tk[e + 1].start == tk[e].end &&
               is_closer(doc, &tk[e + 1]))
            e++;
        if (e + 1 >= b) break;
        if (tk[e + 1].start > tk[e].end && plausible_start(doc, &tk[e + 1]) &&
            !(dot && abbrev_holds(doc, tk, k, a, &tk[e + 1]))) {
            add_sentence(doc, cap, s, e + 1, p);
            s = e + 1;
        }
        k = e + 1;
    }
    if (s < b) add_sentence(doc, cap, s, b, p);
}

/* The first paragraph is a headline when it is one line that does not end
 * like a sentence and another paragraph follows. */
static int is_headline(const struct gl_doc *doc, const struct gl_paragraph *p)
{
    const struct gl_token *tk = doc->tokens;
    size_t k = p->tok_end;
    const char *s = doc->bytes + p->start;
    size_t n = p->end - p->start;

    if (memchr(s, '\n', n) || memchr(s, '\r', n)) return 0;
    while (k > p->tok_first && is_closer(doc, &tk[k - 1])) k--;
    if (k == p->tok_first) return 1;
    if (tk[k - 1].kind == GL_TOK_WORD)
        return doc->bytes[tk[k - 1].end - 1] != '.';
    return !is_stop(doc, &tk[k - 1]);
}

static void add_paragraph(struct gl_doc *doc, size_t *cap, size_t a, size_t b)
{
    struct gl_paragraph *p;

    GL_GROW(doc->paragraphs, *cap, doc->nparagraphs + 1);
    p = &doc->paragraphs[doc->nparagraphs++];
    p->start = doc->tokens[a].start;
    p->end = doc->tokens[b - 1].end;
    p->tok_first = (uint32_t)a;
    p->tok_end = (uint32_t)b;
    p->sent_first = p->sent_end = 0;
    p->flags = 0;
    doc->tokens[a].flags |= GL_TOKF_PARA_START;
}

void gl_segment(struct gl_doc *doc)
{
    size_t tcap = 0, scap = 0, pcap = 0, k, a;
    const char *s = doc->bytes;
    int need = 1; /* line breaks in a gap that separate paragraphs */

    free(doc->tokens);
    free(doc->sentences);
    free(doc->paragraphs);
    doc->tokens = NULL;
    doc->sentences = NULL;
    doc->paragraphs = NULL;
    doc->ntokens = doc->nsentences = doc->nparagraphs = 0;

    /* news text averages over 5 bytes per token: reserve once rather than
     * grow through many reallocations */
    tcap = (doc->len - doc->body) / 5 + 16;
    doc->tokens = xreallocarray(NULL, tcap, sizeof *doc->tokens);
    if (doc->len > doc->body)
        gl_tokenize(s + doc->body, doc->len - doc->body, &doc->tokens,
                    &doc->ntokens, &tcap);
    if (doc->ntokens == 0) return;
    if (doc->body)
        for (k = 0; k < doc->ntokens; k++) {
            doc->tokens[k].start += doc->body;
            doc->tokens[k].end += doc->body;
        }

    /* Blank-line paragraphs if any blank line separates text, else one
     * paragraph per line (corpora that put each paragraph on a line). */
    for (k = 1; k < doc->ntokens; k++)
        if (gap_breaks(s, doc->tokens[k - 1].end, doc->tokens[k].start, 2) == 2) {
            need = 2;
            break;
        }
    for (a = 0, k = 1; k <= doc->ntokens; k++) {
        if (k < doc->ntokens &&
            (doc->tokens[k].start == doc->tokens[k - 1].end ||
             gap_breaks(s, doc->tokens[k - 1].end, doc->tokens[k].start,
                        need) < need))
            continue;
        add_paragraph(doc, &pcap, a, k);
        a = k;
    }

    if (doc->nparagraphs > 1 && is_headline(doc, &doc->paragraphs[0]))
        doc->paragraphs[0].flags |= GL_PARAF_HEADLINE;
    for (k = 0; k < doc->nparagraphs; k++) {
        struct gl_paragraph *p = &doc->paragraphs[k];
        p->sent_first = (uint32_t)doc->nsentences;
        split_sentences(doc, &scap, p->tok_first, p->tok_end, k,
                        (p->flags & GL_PARAF_HEADLINE) != 0);
        p->sent_end = (uint32_t)doc->nsentences;
    }
}

/* Index of the last element whose start is <= at, or -1; `start` reads
 * the start of element i. */
#define LAST_START_LE(arr, n, at, out)                                     \
    do {                                                                   \
        size_t lo_ = 0, hi_ = (n);                                         \
        while (lo_ < hi_) {                                                \
            size_t mid_ = lo_ + (hi_ - lo_) / 2;                           \
            if ((arr)[mid_].start <= (at)) lo_ = mid_ + 1;                 \
            else hi_ = mid_;                                               \
        }                                                                  \
        (out) = (long)lo_ - 1;                                             \
    } while (0)

long gl_doc_token_at(const struct gl_doc *doc, uint32_t at)
{
    long i;

    LAST_START_LE(doc->tokens, doc->ntokens, at, i);
    return i >= 0 && at < doc->tokens[i].end ? i : -1;
}

long gl_doc_sentence_at(const struct gl_doc *doc, uint32_t at)
{
    long i;

    LAST_START_LE(doc->sentences, doc->nsentences, at, i);
    return i >= 0 && at < doc->sentences[i].end ? i : -1;
}

long gl_doc_paragraph_at(const struct gl_doc *doc, uint32_t at)
{
    long i;

    LAST_START_LE(doc->paragraphs, doc->nparagraphs, at, i);
    return i >= 0 && at < doc->paragraphs[i].end ? i : -1;
}

size_t gl_doc_token_from(const struct gl_doc *doc, uint32_t at)
{
    size_t lo = 0, hi = doc->ntokens;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (doc->tokens[mid].start < at) lo = mid + 1;
        else hi = mid;
    }
    return lo;
}

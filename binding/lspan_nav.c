/* lspan_nav.c - gloss.Span methods that go from a span to the document
 * structure around it (sentence, paragraph, tokens, quotations, the words
 * left and right, trimming and expanding) and the methods particular to
 * tokens and quotations. Binding layer; lspan.c registers them. */
#include <string.h>

#include "lgloss.h"
#include "unicode.h"
#include "utf8.h"

/* ---- structure ---------------------------------------------------------- */

/* sp:sentence() / sp:paragraph(): the one holding the span's start (or,
 * for a span starting in space, the next one if it holds the span). */
static int holder(lua_State *L, uint8_t kind)
{
    struct ldoc *d;
    struct lspan *sp = lgl_check_span(L, 1, &d);
    const struct gl_doc *doc = d->doc;
    long i = kind == LSPAN_SENTENCE ? gl_doc_sentence_at(doc, sp->start)
                                    : gl_doc_paragraph_at(doc, sp->start);
    uint32_t s, e;

    if (i < 0) {
        size_t n = kind == LSPAN_SENTENCE ? doc->nsentences : doc->nparagraphs;
        size_t k;

        for (k = 0; k < n; k++) { /* rare path: a span starting in space */
            lgl_kind_range(doc, kind, k, &s, &e);
            if (s >= sp->start) break;
        }
        if (k == n) return 0;
        lgl_kind_range(doc, kind, k, &s, &e);
        if (s >= sp->end && sp->end > sp->start) return 0;
        i = (long)k;
    }
    lgl_kind_range(doc, kind, (size_t)i, &s, &e);
    lua_getiuservalue(L, 1, 1);
    lgl_push_span(L, -1, s, e, kind, (uint32_t)i);
    return 1;
}

static int span_sentence(lua_State *L) { return holder(L, LSPAN_SENTENCE); }
static int span_paragraph(lua_State *L) { return holder(L, LSPAN_PARAGRAPH); }

/* sp:tokens(): iterator over the tokens lying wholly inside the span. */
static int span_tokens(lua_State *L)
{
    struct ldoc *d;
    struct lspan *sp = lgl_check_span(L, 1, &d);
    size_t first = gl_doc_token_from(d->doc, sp->start);
    size_t last = gl_doc_token_from(d->doc, sp->end);

    lua_getiuservalue(L, 1, 1);
    lgl_push_iter_bounded(L, -1, LSPAN_TOKEN, first, last, sp->start, sp->end);
    return 1;
}

/* sp:quotations(): iterator over the quotations lying inside the span. */
static int span_quotations(lua_State *L)
{
    struct ldoc *d;
    struct lspan *sp = lgl_check_span(L, 1, &d);
    size_t lo = 0, hi = d->doc->nquotes;

    while (lo < hi) { /* first quotation starting at or after sp->start */
        size_t mid = lo + (hi - lo) / 2;
        if (d->doc->quotes[mid].start < sp->start)
            lo = mid + 1;
        else
            hi = mid;
    }
    lua_getiuservalue(L, 1, 1);
    lgl_push_iter_bounded(L, -1, LSPAN_QUOTE, lo, d->doc->nquotes, sp->start,
                      sp->end);
    return 1;
}

/* Context windows: up to n tokens just left of the start / right of the
 * end, optionally not crossing the sentence or paragraph of the span. */
static int window(lua_State *L, int right)
{
    static const char *const stops[] = {"none", "sentence", "paragraph", NULL};
    struct ldoc *d;
    struct lspan *sp = lgl_check_span(L, 1, &d);
    const struct gl_doc *doc = d->doc;
    lua_Integer n = luaL_checkinteger(L, 2);
    int stop = luaL_checkoption(L, 3, "none", stops);
    uint32_t lo = 0, hi = (uint32_t)doc->len;
    size_t a, b;

    luaL_argcheck(L, n >= 0, 2, "negative token count");
    if (stop) {
        uint32_t at = right ? (sp->end > sp->start ? sp->end - 1 : sp->end)
                            : sp->start;
        long i = stop == 1 ? gl_doc_sentence_at(doc, at)
                           : gl_doc_paragraph_at(doc, at);
        if (i >= 0)
            lgl_kind_range(doc, stop == 1 ? LSPAN_SENTENCE : LSPAN_PARAGRAPH,
                           (size_t)i, &lo, &hi);
    }
    if (right) {
        a = gl_doc_token_from(doc, sp->end);
        b = a;
        while (b < doc->ntokens && (lua_Integer)(b - a) < n &&
               doc->tokens[b].end <= hi)
            b++;
    } else {
        b = gl_doc_token_from(doc, sp->start);
        a = b;
        while (a > 0 && (lua_Integer)(b - a) < n &&
               doc->tokens[a - 1].start >= lo)
            a--;
    }
    if (a == b) return 0;
    lua_getiuservalue(L, 1, 1);
    lgl_push_span(L, -1, doc->tokens[a].start, doc->tokens[b - 1].end,
                  LSPAN_PLAIN, 0);
    return 1;
}

static int span_left(lua_State *L) { return window(L, 0); }
static int span_right(lua_State *L) { return window(L, 1); }

static int trimmable(uint32_t cp, int punct)
{
    enum gl_uclass c = gl_uclass(cp);

    if (gl_uc_is_space(c) || c == GL_UC_CONTROL) return 1;
    if (cp == 0xFEFF || cp == 0x200B) return 1;
    return punct && c == GL_UC_PUNCT;
}

/* sp:trim([what]): without space at both ends; with "punct", without
 * punctuation and quotation marks either. */
static int span_trim(lua_State *L)
{
    static const char *const whats[] = {"space", "punct", NULL};
    struct ldoc *d;
    struct lspan *sp = lgl_check_span(L, 1, &d);
    int punct = luaL_checkoption(L, 2, "space", whats);
    const char *t = d->doc->bytes;
    size_t s = sp->start, e = sp->end;

    while (s < e) {
        size_t k = s;
        if (!trimmable(gl_utf8_next(t, &k), punct)) break;
        s = k;
    }
    while (e > s) {
        size_t k = e;
        if (!trimmable(gl_utf8_prev(t, &k), punct)) break;
        e = k;
    }
    lua_getiuservalue(L, 1, 1);
    /* trim, expand and sub keep the origin: the span is still the match,
     * only tidied; union and intersect mix two spans and drop it */
    lgl_push_span(L, -1, (uint32_t)s, (uint32_t)e, LSPAN_PLAIN, 0)->origin =
        sp->origin;
    return 1;
}

/* sp:expand(): grown so that no token is cut at either end. */
static int span_expand(lua_State *L)
{
    struct ldoc *d;
    struct lspan *sp = lgl_check_span(L, 1, &d);
    uint32_t s = sp->start, e = sp->end;
    long i = gl_doc_token_at(d->doc, s);

    if (i >= 0) s = d->doc->tokens[i].start;
    if (e > sp->start) {
        i = gl_doc_token_at(d->doc, e - 1);
        if (i >= 0) e = d->doc->tokens[i].end;
    }
    lua_getiuservalue(L, 1, 1);
    lgl_push_span(L, -1, s, e, LSPAN_PLAIN, 0)->origin = sp->origin;
    return 1;
}

/* ---- kind-specific ------------------------------------------------------ */

static const char *const token_classes[] = {"?", "word", "number", "punct",
                                            "quote", "symbol"};

/* tok:class() -> "word" | "number" | "punct" | "quote" | "symbol" */
static int span_class(lua_State *L)
{
    struct ldoc *d;
    struct lspan *sp = lgl_check_span(L, 1, &d);

    if (sp->kind != LSPAN_TOKEN) return 0;
    lua_pushstring(L, token_classes[d->doc->tokens[sp->index].kind % 6]);
    return 1;
}

struct flagname {
    uint8_t kind;
    const char *name;
    unsigned bit;
};

static const struct flagname flagnames[] = {
    {LSPAN_TOKEN, "capitalized", GL_TOKF_UPPER_INITIAL},
    {LSPAN_TOKEN, "allcaps", GL_TOKF_ALL_UPPER},
    {LSPAN_TOKEN, "paragraph_start", GL_TOKF_PARA_START},
    {LSPAN_TOKEN, "sentence_start", GL_TOKF_SENT_START},
    {LSPAN_PARAGRAPH, "headline", GL_PARAF_HEADLINE},
    {LSPAN_QUOTE, "unclosed", GL_QF_UNCLOSED},
    {LSPAN_QUOTE, "continued", GL_QF_CONTINUED},
    {LSPAN_QUOTE, "unopened", GL_QF_UNOPENED},
    {LSPAN_QUOTE, "ambiguous", GL_QF_AMBIGUOUS},
    {LSPAN_QUOTE, "mismatch", GL_QF_MISMATCH},
};

static unsigned span_flagbits(const struct gl_doc *doc, const struct lspan *sp)
{
    switch (sp->kind) {
    case LSPAN_TOKEN: return doc->tokens[sp->index].flags;
    case LSPAN_PARAGRAPH: return doc->paragraphs[sp->index].flags;
    case LSPAN_QUOTE: return doc->quotes[sp->index].flags;
    default: return 0;
    }
}

/* sp:is(name): a flag of a token ("capitalized", "allcaps",
 * "paragraph_start", "sentence_start"; or a class: "word", "number", ...),
 * a paragraph ("headline") or a quotation ("unclosed", "continued",
 * "unopened", "ambiguous", "mismatch"). False for flags of other kinds. */
static int span_is(lua_State *L)
{
    struct ldoc *d;
    struct lspan *sp = lgl_check_span(L, 1, &d);
    const char *name = luaL_checkstring(L, 2);
    unsigned bits = span_flagbits(d->doc, sp);
    size_t i;

    for (i = 0; i < sizeof flagnames / sizeof *flagnames; i++)
        if (strcmp(flagnames[i].name, name) == 0) {
            lua_pushboolean(L, flagnames[i].kind == sp->kind &&
                                   (bits & flagnames[i].bit));
            return 1;
        }
    for (i = 1; i < 6; i++)
        if (strcmp(token_classes[i], name) == 0) {
            lua_pushboolean(L, sp->kind == LSPAN_TOKEN &&
                                   d->doc->tokens[sp->index].kind == i);
            return 1;
        }
    return luaL_argerror(L, 2, lua_pushfstring(L, "unknown flag '%s'", name));
}

/* sp:flags() -> a table of the flags that are set (name = true). */
static int span_flags(lua_State *L)
{
    struct ldoc *d;
    struct lspan *sp = lgl_check_span(L, 1, &d);
    unsigned bits = span_flagbits(d->doc, sp);
    size_t i;

    lua_newtable(L);
    for (i = 0; i < sizeof flagnames / sizeof *flagnames; i++)
        if (flagnames[i].kind == sp->kind && (bits & flagnames[i].bit)) {
            lua_pushboolean(L, 1);
            lua_setfield(L, -2, flagnames[i].name);
        }
    return 1;
}

static const struct gl_quote *check_quote(lua_State *L, struct ldoc **d)
{
    struct lspan *sp = lgl_check_span(L, 1, d);

    if (sp->kind != LSPAN_QUOTE)
        luaL_argerror(L, 1, "not a quotation (from doc:quotations())");
    return &(*d)->doc->quotes[sp->index];
}

/* q:content(): the quoted text without its marks. */
static int span_content(lua_State *L)
{
    struct ldoc *d;
    const struct gl_quote *q = check_quote(L, &d);

    lua_getiuservalue(L, 1, 1);
    lgl_push_span(L, -1, q->cstart, q->cend, LSPAN_PLAIN, 0);
    return 1;
}

/* q:parent(): the enclosing quotation, or nil. */
static int span_parent(lua_State *L)
{
    struct ldoc *d;
    const struct gl_quote *q = check_quote(L, &d);
    const struct gl_quote *p;

    if (q->parent < 0) return 0;
    p = &d->doc->quotes[q->parent];
    lua_getiuservalue(L, 1, 1);
    lgl_push_span(L, -1, p->start, p->end, LSPAN_QUOTE, (uint32_t)q->parent);
    return 1;
}

static int span_depth(lua_State *L)
{
    struct ldoc *d;
    const struct gl_quote *q = check_quote(L, &d);

    lua_pushinteger(L, q->depth);
    return 1;
}

const luaL_Reg lgl_span_nav_methods[] = {
    {"sentence", span_sentence},
    {"paragraph", span_paragraph},
    {"tokens", span_tokens},
    {"quotations", span_quotations},
    {"left", span_left},
    {"right", span_right},
    {"trim", span_trim},
    {"expand", span_expand},
    {"class", span_class},
    {"is", span_is},
    {"flags", span_flags},
    {"content", span_content},
    {"parent", span_parent},
    {"depth", span_depth},
    {NULL, NULL}
};

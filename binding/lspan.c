/* lspan.c - gloss.Span: a [start, end) byte range of a document, and the
 * span algebra scripts build rules with. Binding layer.
 *
 * A span is a small full userdata whose user value is its Document, so a
 * span keeps its document reachable and spans of different documents can
 * never be mixed up. Text is copied into Lua only by span:text(). */
#include <string.h>

#include "lgloss.h"
#include "unicode.h"
#include "utf8.h"

struct lspan *lgl_push_span(lua_State *L, int docidx, uint32_t start,
                            uint32_t end, uint8_t kind, uint32_t index)
{
    struct lspan *sp;

    docidx = lua_absindex(L, docidx);
    sp = lua_newuserdatauv(L, sizeof *sp, 1);
    sp->owner = lua_touserdata(L, docidx);
    sp->start = start;
    sp->end = end;
    sp->kind = kind;
    sp->index = index;
    sp->origin = 0;
    lgl_setmetatable(L, LGL_T_SPAN);
    lua_pushvalue(L, docidx);
    lua_setiuservalue(L, -2, 1);
    return sp;
}

/* Pushes the span's Document userdata and returns it (checked open). */
static struct ldoc *span_doc(lua_State *L, int arg)
{
    struct ldoc *d;

    lua_getiuservalue(L, arg, 1);
    d = lua_touserdata(L, -1);
    if (!d || !d->doc)
        luaL_error(L, "document is closed (its article's run is over)");
    return d;
}

/* Every span method starts here: the Document comes from the span's own
 * copy of its user value, not through the stack. */
struct lspan *lgl_check_span(lua_State *L, int arg, struct ldoc **d)
{
    struct lspan *sp = lgl_checkudata(L, arg, LGL_T_SPAN);

    if (!sp->owner->doc)
        luaL_error(L, "document is closed (its article's run is over)");
    if (d) *d = sp->owner;
    return sp;
}

struct ldoc *lgl_check_target(lua_State *L, int arg, uint32_t *start,
                              uint32_t *end)
{
    struct ldoc *d;
    struct lspan *sp = lgl_testudata(L, arg, LGL_T_SPAN);

    if (sp) {
        d = span_doc(L, arg);
        *start = sp->start;
        *end = sp->end;
        return d;
    }
    if (lgl_testudata(L, arg, LGL_T_DOC)) {
        d = lgl_check_doc(L, arg);
        lua_pushvalue(L, arg);
        *start = d->doc->body;
        *end = (uint32_t)d->doc->len;
        return d;
    }
    luaL_typeerror(L, arg, "gloss.Document or gloss.Span");
    return NULL;
}

/* A second span argument: must belong to the same document as the first. */
static struct lspan *check_other(lua_State *L, int arg)
{
    struct lspan *o = lgl_checkudata(L, arg, LGL_T_SPAN);

    lua_getiuservalue(L, 1, 1);
    lua_getiuservalue(L, arg, 1);
    if (!lua_rawequal(L, -1, -2))
        luaL_argerror(L, arg, "span of another document");
    lua_pop(L, 2);
    return o;
}

void lgl_kind_range(const struct gl_doc *doc, uint8_t kind, size_t i,
                    uint32_t *start, uint32_t *end)
{
    switch (kind) {
    case LSPAN_TOKEN:
        *start = doc->tokens[i].start;
        *end = doc->tokens[i].end;
        break;
    case LSPAN_SENTENCE:
        *start = doc->sentences[i].start;
        *end = doc->sentences[i].end;
        break;
    case LSPAN_PARAGRAPH:
        *start = doc->paragraphs[i].start;
        *end = doc->paragraphs[i].end;
        break;
    default:
        *start = doc->quotes[i].start;
        *end = doc->quotes[i].end;
        break;
    }
}

/* Iterator closure. Upvalues: 1 Document, 2 next index, 3 end index,
 * 4 kind, 5/6 the bounds [lo, hi) an element must lie within. */
static int iter_next(lua_State *L)
{
    struct ldoc *d = lua_touserdata(L, lua_upvalueindex(1));
    lua_Integer i = lua_tointeger(L, lua_upvalueindex(2));
    lua_Integer n = lua_tointeger(L, lua_upvalueindex(3));
    uint8_t kind = (uint8_t)lua_tointeger(L, lua_upvalueindex(4));
    uint32_t lo = (uint32_t)lua_tointeger(L, lua_upvalueindex(5));
    uint32_t hi = (uint32_t)lua_tointeger(L, lua_upvalueindex(6));
    uint32_t s, e;

    if (!d->doc) return luaL_error(L, "document is closed (its article's run is over)");
    for (; i < n; i++) {
        lgl_kind_range(d->doc, kind, (size_t)i, &s, &e);
        if (s >= hi) {
            i = n;
            break;
        }
        if (s >= lo && e <= hi) break;
    }
    if (i >= n) {
        lua_pushinteger(L, n);
        lua_replace(L, lua_upvalueindex(2));
        return 0;
    }
    lua_pushinteger(L, i + 1);
    lua_replace(L, lua_upvalueindex(2));
    lgl_push_span(L, lua_upvalueindex(1), s, e, kind, (uint32_t)i);
    return 1;
}

static void push_iter_bounded(lua_State *L, int docidx, uint8_t kind,
                              size_t first, size_t end, uint32_t lo,
                              uint32_t hi)
{
    docidx = lua_absindex(L, docidx);
    lua_pushvalue(L, docidx);
    lua_pushinteger(L, (lua_Integer)first);
    lua_pushinteger(L, (lua_Integer)end);
    lua_pushinteger(L, kind);
    lua_pushinteger(L, lo);
    lua_pushinteger(L, hi);
    lua_pushcclosure(L, iter_next, 6);
}

void lgl_push_iter(lua_State *L, int docidx, uint8_t kind, size_t first,
                   size_t end)
{
    push_iter_bounded(L, docidx, kind, first, end, 0, UINT32_MAX);
}

/* ---- plain accessors -------------------------------------------------- */

/* sp:range() -> start, end (bytes, 0-based, half-open) */
static int span_range(lua_State *L)
{
    struct lspan *sp = lgl_check_span(L, 1, NULL);

    lua_pushinteger(L, sp->start);
    lua_pushinteger(L, sp->end);
    return 2;
}

/* sp:chars() -> start, end in code points (the YAML start/end) */
static int span_chars(lua_State *L)
{
    struct ldoc *d;
    struct lspan *sp = lgl_check_span(L, 1, &d);

    lua_pushinteger(L, (lua_Integer)gl_doc_cp(d->doc, sp->start));
    lua_pushinteger(L, (lua_Integer)gl_doc_cp(d->doc, sp->end));
    return 2;
}

static int span_text(lua_State *L)
{
    struct ldoc *d;
    struct lspan *sp = lgl_check_span(L, 1, &d);

    lua_pushlstring(L, d->doc->bytes + sp->start, sp->end - sp->start);
    return 1;
}

static int span_len(lua_State *L)
{
    struct lspan *sp = lgl_check_span(L, 1, NULL);

    lua_pushinteger(L, sp->end - sp->start);
    return 1;
}

/* sp:line() -> line, column of the start (1-based, column in code points) */
static int span_line(lua_State *L)
{
    struct ldoc *d;
    struct lspan *sp = lgl_check_span(L, 1, &d);
    unsigned long line, col;

    gl_doc_linecol(d->doc, sp->start, &line, &col);
    lua_pushinteger(L, (lua_Integer)line);
    lua_pushinteger(L, (lua_Integer)col);
    return 2;
}

static int span_doc_m(lua_State *L)
{
    lgl_checkudata(L, 1, LGL_T_SPAN);
    lua_getiuservalue(L, 1, 1);
    return 1;
}

static const char *const kind_names[] = {"span", "token", "sentence",
                                         "paragraph", "quotation"};

static int span_kind(lua_State *L)
{
    struct lspan *sp = lgl_check_span(L, 1, NULL);

    lua_pushstring(L, kind_names[sp->kind]);
    return 1;
}

/* sp:index() -> 1-based position among the document's tokens, sentences,
 * paragraphs or quotations; nil for a plain span. */
static int span_index(lua_State *L)
{
    struct lspan *sp = lgl_check_span(L, 1, NULL);

    if (sp->kind == LSPAN_PLAIN) return 0;
    lua_pushinteger(L, (lua_Integer)sp->index + 1);
    return 1;
}

/* ---- relations ---------------------------------------------------------- */

static int span_contains(lua_State *L)
{
    struct lspan *a = lgl_check_span(L, 1, NULL), *b = check_other(L, 2);

    lua_pushboolean(L, gl_span_contains(gl_span_make(a->start, a->end),
                                        gl_span_make(b->start, b->end)));
    return 1;
}

static int span_overlaps(lua_State *L)
{
    struct lspan *a = lgl_check_span(L, 1, NULL), *b = check_other(L, 2);

    lua_pushboolean(L, gl_span_overlaps(gl_span_make(a->start, a->end),
                                        gl_span_make(b->start, b->end)));
    return 1;
}

/* a:before(b): a ends at or before b starts. */
static int span_before(lua_State *L)
{
    struct lspan *a = lgl_check_span(L, 1, NULL), *b = check_other(L, 2);

    lua_pushboolean(L, a->end <= b->start);
    return 1;
}

static int span_after(lua_State *L)
{
    struct lspan *a = lgl_check_span(L, 1, NULL), *b = check_other(L, 2);

    lua_pushboolean(L, b->end <= a->start);
    return 1;
}

/* a:union(b): the smallest span covering both (the gap included). */
static int span_union(lua_State *L)
{
    struct lspan *a = lgl_check_span(L, 1, NULL), *b = check_other(L, 2);
    struct gl_span u = gl_span_union(gl_span_make(a->start, a->end),
                                     gl_span_make(b->start, b->end));

    lua_getiuservalue(L, 1, 1);
    lgl_push_span(L, -1, u.start, u.end, LSPAN_PLAIN, 0);
    return 1;
}

/* a:intersect(b): the shared part, or nil when they do not overlap. */
static int span_intersect(lua_State *L)
{
    struct lspan *a = lgl_check_span(L, 1, NULL), *b = check_other(L, 2);
    uint32_t s = a->start > b->start ? a->start : b->start;
    uint32_t e = a->end < b->end ? a->end : b->end;

    if (s > e || (s == e && !gl_span_overlaps(gl_span_make(a->start, a->end),
                                              gl_span_make(b->start, b->end))))
        return 0;
    lua_getiuservalue(L, 1, 1);
    lgl_push_span(L, -1, s, e, LSPAN_PLAIN, 0);
    return 1;
}

/* sp:sub(i [, j]): the part [start+i, start+j) (bytes, relative,
 * 0-based half-open; j defaults to the span's length). */
static int span_sub(lua_State *L)
{
    struct ldoc *d;
    struct lspan *sp = lgl_check_span(L, 1, &d);
    lua_Integer n = sp->end - sp->start;
    lua_Integer i = luaL_checkinteger(L, 2);
    lua_Integer j = luaL_optinteger(L, 3, n);
    uint32_t s, e;

    luaL_argcheck(L, i >= 0 && i <= n, 2, "offset out of the span");
    luaL_argcheck(L, j >= i && j <= n, 3, "offset out of the span");
    s = sp->start + (uint32_t)i;
    e = sp->start + (uint32_t)j;
    if (!gl_doc_span_ok(d->doc, s, e))
        return luaL_error(L, "sub-span [%d, %d) splits a character",
                          (int)i, (int)j);
    lua_getiuservalue(L, 1, 1);
    lgl_push_span(L, -1, s, e, LSPAN_PLAIN, 0)->origin = sp->origin;
    return 1;
}

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
    push_iter_bounded(L, -1, LSPAN_TOKEN, first, last, sp->start, sp->end);
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
    push_iter_bounded(L, -1, LSPAN_QUOTE, lo, d->doc->nquotes, sp->start,
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

/* ---- metamethods -------------------------------------------------------- */

static int span_eq(lua_State *L)
{
    struct lspan *a = lgl_testudata(L, 1, LGL_T_SPAN);
    struct lspan *b = lgl_testudata(L, 2, LGL_T_SPAN);
    int same;

    if (!a || !b) { /* a span never equals another kind of value */
        lua_pushboolean(L, 0);
        return 1;
    }
    lua_getiuservalue(L, 1, 1);
    lua_getiuservalue(L, 2, 1);
    same = lua_rawequal(L, -1, -2);
    lua_pushboolean(L, same && a->start == b->start && a->end == b->end);
    return 1;
}

/* Order by start, then end: sorting spans gives reading order. */
static int span_lt(lua_State *L)
{
    struct lspan *a = lgl_check_span(L, 1, NULL), *b = check_other(L, 2);

    lua_pushboolean(L, a->start < b->start ||
                           (a->start == b->start && a->end < b->end));
    return 1;
}

static int span_le(lua_State *L)
{
    struct lspan *a = lgl_check_span(L, 1, NULL), *b = check_other(L, 2);

    lua_pushboolean(L, a->start < b->start ||
                           (a->start == b->start && a->end <= b->end));
    return 1;
}

static int span_tostring(lua_State *L)
{
    struct lspan *sp = lgl_checkudata(L, 1, LGL_T_SPAN);
    struct ldoc *d;
    size_t n = sp->end - sp->start, k = 0;

    lua_getiuservalue(L, 1, 1);
    d = lua_touserdata(L, -1);
    if (!d || !d->doc) {
        lua_pushfstring(L, "gloss.Span[%d,%d)", (int)sp->start, (int)sp->end);
        return 1;
    }
    while (k < n && k < 40) /* a short preview, cut on a character boundary */
        gl_utf8_next(d->doc->bytes + sp->start, &k);
    lua_pushfstring(L, "gloss.Span[%d,%d) \"%s%s\"", (int)sp->start,
                    (int)sp->end, lua_pushlstring(L, d->doc->bytes + sp->start, k),
                    k < n ? "..." : "");
    return 1;
}

static const luaL_Reg span_methods[] = {
    {"range", span_range},
    {"chars", span_chars},
    {"text", span_text},
    {"len", span_len},
    {"line", span_line},
    {"doc", span_doc_m},
    {"kind", span_kind},
    {"index", span_index},
    {"contains", span_contains},
    {"overlaps", span_overlaps},
    {"before", span_before},
    {"after", span_after},
    {"union", span_union},
    {"intersect", span_intersect},
    {"sub", span_sub},
    {"sentence", span_sentence},
    {"paragraph", span_paragraph},
    {"tokens", span_tokens},
    {"token_list", lgl_span_token_list},
    {"token_columns", lgl_span_token_columns},
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

void lgl_open_span(lua_State *L)
{
    static const luaL_Reg meta[] = {
        {"__eq", span_eq},   {"__lt", span_lt},
        {"__le", span_le},   {"__len", span_len},
        {"__tostring", span_tostring}, {NULL, NULL}
    };

    lgl_newmetatable(L, LGL_T_SPAN);
    luaL_setfuncs(L, meta, 0);
    luaL_newlib(L, span_methods);
    lua_setfield(L, -2, "__index");
    lua_pushliteral(L, "locked");
    lua_setfield(L, -2, "__metatable");
    lua_pop(L, 1);
}

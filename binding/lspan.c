/* lspan.c - gloss.Span: a [start, end) byte range of a document, and the
 * span algebra scripts build rules with. Binding layer.
 *
 * A span is a small full userdata whose user value is its Document, so a
 * span keeps its document reachable and spans of different documents can
 * never be mixed up. Text is copied into Lua only by span:text(). The
 * methods that move from a span to the structure around it are in
 * lspan_nav.c. */
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

void lgl_push_iter_bounded(lua_State *L, int docidx, uint8_t kind,
                           size_t first, size_t end, uint32_t lo, uint32_t hi)
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
    lgl_push_iter_bounded(L, docidx, kind, first, end, 0, UINT32_MAX);
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
    {"token_list", lgl_span_token_list},
    {"token_columns", lgl_span_token_columns},
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
    luaL_setfuncs(L, lgl_span_nav_methods, 0);
    lua_setfield(L, -2, "__index");
    lua_pushliteral(L, "locked");
    lua_setfield(L, -2, "__metatable");
    lua_pop(L, 1);
}

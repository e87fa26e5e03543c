/* ldoc.c - gloss.Document: the article a script runs over. Binding layer.
 * Offsets are UTF-8 byte offsets, 0-based, half-open, as everywhere in
 * the API; code points are available through span:chars(). */
#include <string.h>

#include "lgloss.h"

struct ldoc *lgl_push_doc(lua_State *L, struct gl_doc *doc,
                          struct gl_store *st)
{
    /* user values: 1 the text (doc_text), 2 the anchors of doc:tag's
     * caches (lannot.c) */
    struct ldoc *d = lua_newuserdatauv(L, sizeof *d, 2);

    memset(d, 0, sizeof *d);
    d->doc = doc;
    d->st = st;
    lgl_setmetatable(L, LGL_T_DOC);
    return d;
}

struct ldoc *lgl_check_doc(lua_State *L, int arg)
{
    struct ldoc *d = lgl_checkudata(L, arg, LGL_T_DOC);

    if (!d->doc) luaL_error(L, "document is closed (its article's run is over)");
    return d;
}

/* doc:text(): the whole file, BOM included, so that Lua string position
 * p is byte offset p-1 (doc:all():text() leaves a BOM out). Made once per
 * article and kept in the Document's user value: scripts call it in
 * loops, and a copy per call made a 5 MB article quadratic. */
static int doc_text(lua_State *L)
{
    struct gl_doc *doc = lgl_check_doc(L, 1)->doc;

    if (lua_getiuservalue(L, 1, 1) == LUA_TSTRING) return 1;
    lua_pop(L, 1);
    lua_pushlstring(L, doc->bytes, doc->len);
    lua_pushvalue(L, -1);
    lua_setiuservalue(L, 1, 1);
    return 1;
}

static int doc_len(lua_State *L)
{
    lua_pushinteger(L, (lua_Integer)lgl_check_doc(L, 1)->doc->len);
    return 1;
}

static int doc_path(lua_State *L)
{
    lua_pushstring(L, lgl_check_doc(L, 1)->doc->name);
    return 1;
}

static int doc_sha256(lua_State *L)
{
    char hex[65];

    gl_doc_sha256_hex(lgl_check_doc(L, 1)->doc, hex);
    lua_pushstring(L, hex);
    return 1;
}

static uint32_t check_offset(lua_State *L, int arg, size_t max)
{
    lua_Integer v = luaL_checkinteger(L, arg);

    luaL_argcheck(L, v >= 0 && (size_t)v <= max, arg, "offset out of range");
    return (uint32_t)v;
}

/* doc:span(start, end): a span from byte offsets; both must be character
 * boundaries outside the BOM. */
static int doc_span(lua_State *L)
{
    struct gl_doc *doc = lgl_check_doc(L, 1)->doc;
    uint32_t s = check_offset(L, 2, doc->len);
    uint32_t e = check_offset(L, 3, doc->len);

    luaL_argcheck(L, s <= e, 3, "end before start");
    if (s < doc->body)
        return luaL_error(L, "span [%d, %d) reaches into the byte order mark "
                          "(the text starts at byte %d)", (int)s, (int)e,
                          (int)doc->body);
    if (!gl_doc_span_ok(doc, s, e))
        return luaL_error(L, "span [%d, %d) does not lie on character "
                          "boundaries of the text", (int)s, (int)e);
    lgl_push_span(L, 1, s, e, LSPAN_PLAIN, 0);
    return 1;
}

/* doc:span_chars(start, end): the same from code point offsets (the unit
 * of the YAML start/end fields). */
static int doc_span_chars(lua_State *L)
{
    struct gl_doc *doc = lgl_check_doc(L, 1)->doc;
    uint32_t s = check_offset(L, 2, doc->nchars);
    uint32_t e = check_offset(L, 3, doc->nchars);
    size_t bs, be;

    luaL_argcheck(L, s <= e, 3, "end before start");
    bs = gl_doc_byte(doc, s);
    be = gl_doc_byte(doc, e);
    if (!gl_doc_span_ok(doc, bs, be))
        return luaL_error(L, "span [%d, %d) reaches into the byte order mark",
                          (int)s, (int)e);
    lgl_push_span(L, 1, (uint32_t)bs, (uint32_t)be, LSPAN_PLAIN, 0);
    return 1;
}

/* doc:all(): the whole text (after any BOM). */
static int doc_all(lua_State *L)
{
    struct gl_doc *doc = lgl_check_doc(L, 1)->doc;

    lgl_push_span(L, 1, doc->body, (uint32_t)doc->len, LSPAN_PLAIN, 0);
    return 1;
}

static int iter_of(lua_State *L, uint8_t kind)
{
    struct gl_doc *doc = lgl_check_doc(L, 1)->doc;
    size_t n = kind == LSPAN_TOKEN      ? doc->ntokens
               : kind == LSPAN_SENTENCE ? doc->nsentences
               : kind == LSPAN_PARAGRAPH ? doc->nparagraphs
                                         : doc->nquotes;

    lgl_push_iter(L, 1, kind, 0, n);
    return 1;
}

static int doc_tokens(lua_State *L) { return iter_of(L, LSPAN_TOKEN); }
static int doc_sentences(lua_State *L) { return iter_of(L, LSPAN_SENTENCE); }
static int doc_paragraphs(lua_State *L) { return iter_of(L, LSPAN_PARAGRAPH); }
static int doc_quotations(lua_State *L) { return iter_of(L, LSPAN_QUOTE); }

/* doc:count(kind): how many tokens/sentences/paragraphs/quotations. */
static int doc_count(lua_State *L)
{
    static const char *const kinds[] = {"tokens", "sentences", "paragraphs",
                                        "quotations", NULL};
    struct gl_doc *doc = lgl_check_doc(L, 1)->doc;
    size_t n[4];

    n[0] = doc->ntokens;
    n[1] = doc->nsentences;
    n[2] = doc->nparagraphs;
    n[3] = doc->nquotes;
    lua_pushinteger(L, (lua_Integer)n[luaL_checkoption(L, 2, NULL, kinds)]);
    return 1;
}

static int doc_tostring(lua_State *L)
{
    struct ldoc *d = lgl_checkudata(L, 1, LGL_T_DOC);

    if (!d->doc)
        lua_pushliteral(L, "gloss.Document (closed)");
    else
        lua_pushfstring(L, "gloss.Document(%s, %d bytes)", d->doc->name,
                        (int)d->doc->len);
    return 1;
}

static const luaL_Reg doc_methods[] = {
    {"text", doc_text},
    {"len", doc_len},
    {"path", doc_path},
    {"sha256", doc_sha256},
    {"span", doc_span},
    {"span_chars", doc_span_chars},
    {"all", doc_all},
    {"tokens", doc_tokens},
    {"sentences", doc_sentences},
    {"paragraphs", doc_paragraphs},
    {"quotations", doc_quotations},
    {"count", doc_count},
    {"tag", lgl_doc_tag},
    {"near_miss", lgl_doc_near_miss},
    {"explaining", lgl_doc_explaining},
    {"link", lgl_doc_link},
    {"annotation", lgl_doc_annotation},
    {"annotations", lgl_doc_annotations},
    {NULL, NULL}
};

void lgl_open_doc(lua_State *L)
{
    lgl_newmetatable(L, LGL_T_DOC);
    luaL_newlib(L, doc_methods);
    lua_setfield(L, -2, "__index");
    lua_pushcfunction(L, doc_tostring);
    lua_setfield(L, -2, "__tostring");
    lua_pushliteral(L, "locked");
    lua_setfield(L, -2, "__metatable");
    lua_pop(L, 1);
}

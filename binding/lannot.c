/* lannot.c - tagging: doc:tag / doc:link / queries, and gloss.Annotation
 * handles. Binding layer over core/store.c; values are checked and
 * converted by lvalue.c.
 *
 * Ids seen by scripts are 1-based creation numbers within the article;
 * the YAML writer renumbers by position. Anything a value cannot be is
 * refused before the store is touched, so an error never leaves half an
 * annotation. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lgloss.h"
#include "utf8.h"
#include "util.h"

static const char *const review_names[] = {"pending", "accepted", "rejected",
                                           "edited"};

/* An id or an Annotation of document d. A handle from another article
 * would index that article's store, which may be smaller than this one. */
static uint32_t check_id(lua_State *L, struct ldoc *d, int arg)
{
    lua_Integer id;
    struct lann *a = lgl_testudata(L, arg, LGL_T_ANN);

    if (a) {
        int same;

        lua_getiuservalue(L, arg, 1);
        same = lua_touserdata(L, -1) == (void *)d;
        lua_pop(L, 1);
        luaL_argcheck(L, same, arg, "annotation of another document");
        return a->id;
    }
    id = luaL_checkinteger(L, arg);
    luaL_argcheck(L, id >= 1 && (size_t)id <= d->st->n, arg,
                  "no such annotation id");
    return (uint32_t)(id - 1);
}

/* doc:tag(type, span [, attrs [, why]]) -> id */
int lgl_doc_tag(lua_State *L)
{
    struct ldoc *d = lgl_check_doc(L, 1);
    size_t tlen;
    const char *type = lgl_check_name(L, 2, "annotation type", &tlen, d);
    struct ldoc *sd;
    struct lspan *sp = lgl_check_span(L, 3, &sd);
    int attrs = !lua_isnoneornil(L, 4), base, kept = 0;
    unsigned long line;
    const char *script;
    long id;

    if (sd != d) return luaL_argerror(L, 3, "span of another document");
    if (lua_gettop(L) < 5) lua_settop(L, 5); /* the kept pairs go above why */
    base = lua_gettop(L) + 1;
    if (attrs) {
        luaL_checktype(L, 4, LUA_TTABLE);
        kept = lgl_check_attrs(L, 4, d);                    /* [.., pairs] */
    }
    lgl_why_check(L, 5, d);
    script = lgl_caller_rule(L, d, &line);
    id = gl_store_add(d->st, type, tlen, gl_span_make(sp->start, sp->end),
                      script, line);
    if (id < 0) {
        lgl_note_limit(L);
        return luaL_error(L, "too many annotations for one article (limit %d)",
                          (int)d->st->max);
    }
    if (attrs) lgl_store_attrs(L, d->st, (uint32_t)id, 4, base, kept);
    if (lgl_explain_on(L)) lgl_why_record(L, 5, d, (uint32_t)id, sp);
    lua_pushinteger(L, id + 1);
    return 1;
}

/* doc:link(from, role, to): from --role--> to (ids or Annotations) */
int lgl_doc_link(lua_State *L)
{
    struct ldoc *d = lgl_check_doc(L, 1);
    uint32_t from = check_id(L, d, 2);
    size_t rlen;
    const char *role = lgl_check_name(L, 3, "link role", &rlen, d);
    uint32_t to = check_id(L, d, 4);

    gl_store_link(d->st, from, role, rlen, to);
    return 0;
}

/* Push an Annotation handle; the Document is at docidx. */
static void push_ann(lua_State *L, int docidx, uint32_t id)
{
    struct lann *a;

    docidx = lua_absindex(L, docidx);
    a = lua_newuserdatauv(L, sizeof *a, 1);
    a->id = id;
    lgl_setmetatable(L, LGL_T_ANN);
    lua_pushvalue(L, docidx);
    lua_setiuservalue(L, -2, 1);
}

int lgl_doc_annotation(lua_State *L)
{
    struct ldoc *d = lgl_check_doc(L, 1);
    lua_Integer id = luaL_checkinteger(L, 2);

    if (id < 1 || (size_t)id > d->st->n) return 0;
    push_ann(L, 1, (uint32_t)(id - 1));
    return 1;
}

/* Field `name` of the filter table (argument 2): nil or a span of d. The
 * span stays on the stack. */
static struct lspan *filter_span(lua_State *L, struct ldoc *d,
                                 const char *name)
{
    struct lspan *sp;
    struct ldoc *sd;

    if (lua_getfield(L, 2, name) == LUA_TNIL) return NULL;
    if (!lgl_testudata(L, -1, LGL_T_SPAN))
        luaL_argerror(L, 2, lua_pushfstring(L, "field '%s': gloss.Span "
                      "expected, got %s", name, luaL_typename(L, -1)));
    sp = lgl_check_span(L, lua_gettop(L), &sd);
    if (sd != d)
        luaL_argerror(L, 2, lua_pushfstring(L, "field '%s': span of another "
                      "document", name));
    return sp;
}

/* doc:annotations([type]) or doc:annotations{type=, within=, overlaps=,
 * contains=}: a list of Annotations in position order. */
int lgl_doc_annotations(lua_State *L)
{
    struct ldoc *d = lgl_check_doc(L, 1);
    const char *type = NULL;
    struct lspan *within = NULL, *overlaps = NULL, *contains = NULL;
    const uint32_t *order;
    const char *itype = NULL;
    uint32_t lo = 0, hi = UINT32_MAX, maxlen;
    size_t i, k = 0, n;

    if (lua_type(L, 2) == LUA_TSTRING) {
        type = lua_tostring(L, 2);
    } else if (lua_istable(L, 2)) {
        lua_pushnil(L); /* a misspelt filter must not silently match all */
        while (lua_next(L, 2)) {
            const char *name = lua_type(L, -2) == LUA_TSTRING ? lua_tostring(L, -2) : "";
            lua_pop(L, 1);
            if (strcmp(name, "type") && strcmp(name, "within") &&
                strcmp(name, "overlaps") && strcmp(name, "contains"))
                return luaL_argerror(L, 2, lua_pushfstring(L,
                    "unknown filter field '%s' (type, within, overlaps, "
                    "contains)", *name ? name : luaL_typename(L, -1)));
        }
        if (lua_getfield(L, 2, "type") != LUA_TNIL) {
            if (lua_type(L, -1) != LUA_TSTRING)
                return luaL_argerror(L, 2, lua_pushfstring(L,
                    "field 'type': string expected, got %s",
                    luaL_typename(L, -1)));
            type = lua_tostring(L, -1);
        }
        within = filter_span(L, d, "within");
        overlaps = filter_span(L, d, "overlaps");
        contains = filter_span(L, d, "contains");
    } else if (!lua_isnoneornil(L, 2)) {
        return luaL_typeerror(L, 2, "string or table");
    }
    lua_newtable(L);
    /* types are interned: one that was never tagged matches nothing, and
     * the others compare by pointer */
    if (type && !(itype = gl_store_find_name(d->st, type))) return 1;
    /* every match starts in [lo, hi]; the store keeps its position order
     * between queries, so this is a binary search and a short walk, not a
     * sort and a scan of everything per query */
    maxlen = d->st->maxlen;
    if (within) {
        if (within->start > lo) lo = within->start;
        if (within->end < hi) hi = within->end;
    }
    if (overlaps) {
        uint32_t l = overlaps->start > maxlen ? overlaps->start - maxlen : 0;
        if (l > lo) lo = l;
        if (overlaps->end < hi) hi = overlaps->end;
    }
    if (contains) {
        uint32_t l = contains->end > maxlen ? contains->end - maxlen : 0;
        if (l > lo) lo = l;
        if (contains->start < hi) hi = contains->start;
    }
    order = gl_store_order(d->st);
    n = d->st->n;
    {
        size_t a = 0, b = n;
        while (a < b) {
            size_t mid = a + (b - a) / 2;
            if (d->st->ann[order[mid]].span.start < lo)
                a = mid + 1;
            else
                b = mid;
        }
        i = a;
    }
    for (; i < n && d->st->ann[order[i]].span.start <= hi; i++) {
        const struct gl_ann *a = &d->st->ann[order[i]];

        if (itype && a->type != itype) continue;
        if (within && !gl_span_contains(gl_span_make(within->start, within->end), a->span))
            continue;
        if (overlaps && !gl_span_overlaps(gl_span_make(overlaps->start, overlaps->end), a->span))
            continue;
        if (contains && !gl_span_contains(a->span, gl_span_make(contains->start, contains->end)))
            continue;
        push_ann(L, 1, order[i]);
        lua_rawseti(L, -2, (lua_Integer)++k);
    }
    return 1;
}

/* ---- gloss.Annotation ------------------------------------------------- */

static struct gl_ann *check_ann(lua_State *L, int arg, struct ldoc **dp)
{
    struct lann *a = lgl_checkudata(L, arg, LGL_T_ANN);
    struct ldoc *d;

    lua_getiuservalue(L, arg, 1);
    d = lua_touserdata(L, -1);
    lua_pop(L, 1);
    if (!d || !d->doc) luaL_error(L, "document is closed (its article's run is over)");
    if (dp) *dp = d;
    return &d->st->ann[a->id];
}

static int ann_id(lua_State *L)
{
    struct lann *a = lgl_checkudata(L, 1, LGL_T_ANN);

    check_ann(L, 1, NULL);
    lua_pushinteger(L, (lua_Integer)a->id + 1);
    return 1;
}

static int ann_type(lua_State *L)
{
    lua_pushstring(L, check_ann(L, 1, NULL)->type);
    return 1;
}

static int ann_span(lua_State *L)
{
    struct gl_ann *a = check_ann(L, 1, NULL);

    lua_getiuservalue(L, 1, 1);
    lgl_push_span(L, -1, a->span.start, a->span.end, LSPAN_PLAIN, 0);
    return 1;
}

static int ann_text(lua_State *L)
{
    struct ldoc *d;
    struct gl_ann *a = check_ann(L, 1, &d);

    lua_pushlstring(L, d->doc->bytes + a->span.start, gl_span_len(a->span));
    return 1;
}

/* a:get(key) -> value or nil */
static int ann_get(lua_State *L)
{
    struct ldoc *d;
    struct lann *h = lgl_checkudata(L, 1, LGL_T_ANN);
    const struct gl_value *v;

    check_ann(L, 1, &d);
    v = gl_store_get_attr(d->st, h->id, luaL_checkstring(L, 2));
    if (!v) return 0;
    lgl_push_value(L, v);
    return 1;
}

/* a:set(key, value) */
static int ann_set(lua_State *L)
{
    struct ldoc *d;
    struct lann *h = lgl_checkudata(L, 1, LGL_T_ANN);
    size_t klen;
    const char *key;
    struct gl_value v;

    check_ann(L, 1, &d);
    key = lgl_check_name(L, 2, "attribute name", &klen, NULL);
    luaL_checkany(L, 3);
    lgl_check_value(L, 3, key, 0, NULL);
    lgl_to_value(L, 3, &v);
    gl_store_set_attr(d->st, h->id, key, klen, &v);
    return 0;
}

/* a:attrs() -> a copy of the attributes as a table */
static int ann_attrs(lua_State *L)
{
    struct gl_ann *a = check_ann(L, 1, NULL);
    size_t i;

    lua_createtable(L, 0, (int)a->nattrs);
    for (i = 0; i < a->nattrs; i++) {
        lgl_push_value(L, &a->attrs[i].val);
        lua_setfield(L, -2, a->attrs[i].key);
    }
    return 1;
}

/* a:link(role, other) */
static int ann_link(lua_State *L)
{
    struct ldoc *d;
    struct lann *h = lgl_checkudata(L, 1, LGL_T_ANN);
    size_t rlen;
    const char *role;

    check_ann(L, 1, &d);
    role = lgl_check_name(L, 2, "link role", &rlen, NULL);
    gl_store_link(d->st, h->id, role, rlen, check_id(L, d, 3));
    return 0;
}

/* a:links(role) -> list of Annotations; a:links() -> {role = list} */
static int ann_links(lua_State *L)
{
    struct gl_ann *a = check_ann(L, 1, NULL);
    const char *role = luaL_optstring(L, 2, NULL);
    size_t i;

    lua_getiuservalue(L, 1, 1);                 /* [.., doc] */
    lua_newtable(L);                            /* [.., doc, result] */
    for (i = 0; i < a->nlinks; i++) {
        const struct gl_link *ln = &a->links[i];

        if (role && strcmp(role, ln->role) != 0) continue;
        if (!role) {
            if (lua_getfield(L, -1, ln->role) == LUA_TNIL) {
                lua_pop(L, 1);
                lua_newtable(L);
                lua_pushvalue(L, -1);
                lua_setfield(L, -3, ln->role);
            }
        } else {
            lua_pushvalue(L, -1);
        }
        push_ann(L, -3, ln->target);
        lua_rawseti(L, -2, (lua_Integer)lua_rawlen(L, -2) + 1);
        lua_pop(L, 1);
    }
    return 1;
}

static int ann_rule(lua_State *L)
{
    struct gl_ann *a = check_ann(L, 1, NULL);

    lua_pushfstring(L, "%s:%d", a->script, (int)a->line);
    return 1;
}

static int ann_review(lua_State *L)
{
    lua_pushstring(L, review_names[check_ann(L, 1, NULL)->review]);
    return 1;
}

static int ann_eq(lua_State *L)
{
    struct lann *a = lgl_testudata(L, 1, LGL_T_ANN);
    struct lann *b = lgl_testudata(L, 2, LGL_T_ANN);
    int same;

    if (!a || !b) {
        lua_pushboolean(L, 0);
        return 1;
    }
    lua_getiuservalue(L, 1, 1);
    lua_getiuservalue(L, 2, 1);
    same = lua_rawequal(L, -1, -2);
    lua_pushboolean(L, same && a->id == b->id);
    return 1;
}

static int ann_tostring(lua_State *L)
{
    struct lann *h = lgl_checkudata(L, 1, LGL_T_ANN);
    struct ldoc *d;

    lua_getiuservalue(L, 1, 1);
    d = lua_touserdata(L, -1);
    if (!d || !d->doc) {
        lua_pushfstring(L, "gloss.Annotation(%d)", (int)h->id + 1);
        return 1;
    }
    lua_pushfstring(L, "gloss.Annotation(%d %s [%d,%d))", (int)h->id + 1,
                    d->st->ann[h->id].type, (int)d->st->ann[h->id].span.start,
                    (int)d->st->ann[h->id].span.end);
    return 1;
}

void lgl_open_ann(lua_State *L)
{
    static const luaL_Reg methods[] = {
        {"id", ann_id},         {"type", ann_type},   {"span", ann_span},
        {"text", ann_text},     {"get", ann_get},     {"set", ann_set},
        {"attrs", ann_attrs},   {"link", ann_link},   {"links", ann_links},
        {"rule", ann_rule},     {"review", ann_review}, {NULL, NULL}
    };

    lgl_newmetatable(L, LGL_T_ANN);
    lua_pushcfunction(L, ann_eq);
    lua_setfield(L, -2, "__eq");
    lua_pushcfunction(L, ann_tostring);
    lua_setfield(L, -2, "__tostring");
    luaL_newlib(L, methods);
    lua_setfield(L, -2, "__index");
    lua_pushliteral(L, "locked");
    lua_setfield(L, -2, "__metatable");
    lua_pop(L, 1);
}

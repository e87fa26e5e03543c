/* lannot.c - tagging: doc:tag / doc:link / queries, and gloss.Annotation
 * handles. Binding layer over core/store.c.
 *
 * Ids seen by scripts are 1-based creation numbers within the article;
 * the YAML writer renumbers by position. Attribute values are strings,
 * numbers, booleans or lists of those; anything else is refused before
 * the store is touched, so an error never leaves half an annotation. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lgloss.h"
#include "utf8.h"
#include "util.h"

#define MAX_LIST 10000
/* attribute pairs doc:tag keeps on the stack between checking them and
 * storing them, so that a usual table is walked once */
#define KEEP_MAX 16

static const char *const review_names[] = {"pending", "accepted", "rejected",
                                           "edited"};

/* ---- what doc:tag remembers per Document ------------------------------
 * Scripts tag with the same few type names, keys and values over and
 * over, from the same few functions; checking each string byte by byte
 * and asking the debug interface for the script name on every call was
 * most of doc:tag's cost. Both caches are keyed by address, and what
 * they hold is anchored in the Document's user value 2, so an address
 * cannot be freed and reused by another object while it is cached. */

static size_t slot_of(const void *p, size_t n)
{
    uintptr_t u = (uintptr_t)p;

    return (size_t)((u >> 4) ^ (u >> 11)) & (n - 1);
}

/* Anchor the value at idx in slot k of the anchor table of the Document
 * at stack index 1 (doc:tag's self). */
static void anchor(lua_State *L, int k, int idx)
{
    idx = lua_absindex(L, idx);
    if (lua_getiuservalue(L, 1, 2) != LUA_TTABLE) {
        lua_pop(L, 1);
        lua_createtable(L, LDOC_NOK + LDOC_NRULE, 0);
        lua_pushvalue(L, -1);
        lua_setiuservalue(L, 1, 2);
    }
    lua_pushvalue(L, idx);
    lua_rawseti(L, -2, k);
    lua_pop(L, 1);
}

/* s, the string at idx, was seen to be non-empty, NUL-free UTF-8 */
static int known_ok(const struct ldoc *d, const char *s)
{
    return d && d->ok[slot_of(s, LDOC_NOK)] == s;
}

static void remember_ok(lua_State *L, struct ldoc *d, int idx, const char *s)
{
    size_t k = slot_of(s, LDOC_NOK);

    anchor(L, (int)k + 1, idx);
    d->ok[k] = s;
}

/* Type names, link roles and attribute keys: non-empty and free of NUL
 * bytes (they become YAML keys and interned C strings). d: the caller's
 * Document at stack index 1, to remember good names in; or NULL. */
static const char *check_name(lua_State *L, int arg, const char *what,
                              size_t *len, struct ldoc *d)
{
    size_t n, bad;
    const char *s = luaL_checklstring(L, arg, &n);

    *len = n;
    if (known_ok(d, s)) return s;
    if (n == 0) luaL_argerror(L, arg, lua_pushfstring(L, "empty %s", what));
    if (strlen(s) != n)
        luaL_argerror(L, arg, lua_pushfstring(L, "%s contains a NUL byte", what));
    if (!gl_utf8_valid(s, n, &bad))
        luaL_argerror(L, arg, lua_pushfstring(L, "%s is not valid UTF-8 "
                                              "(byte offset %d)", what, (int)bad));
    if (d) remember_ok(L, d, arg, s);
    return s;
}

/* Check that the value at idx can be stored as an attribute value (d as
 * for check_name). */
static void check_value(lua_State *L, int idx, const char *key, int depth,
                        struct ldoc *d)
{
    switch (lua_type(L, idx)) {
    case LUA_TSTRING: {
        /* refused here, at the script's line, not when the YAML is written */
        size_t n, bad;
        const char *str = lua_tolstring(L, idx, &n);

        if (known_ok(d, str)) return;
        if (!gl_utf8_valid(str, n, &bad))
            luaL_error(L, "attribute '%s': not valid UTF-8 (byte offset %d)",
                       key, (int)bad);
        /* short ones only (kind = "person", not name = "..."): those
         * repeat; anchoring one that never comes back costs more than
         * checking it. And only what would pass as a name too, so that
         * the cache holds one kind of entry. */
        if (d && n > 0 && n <= 16 && strlen(str) == n)
            remember_ok(L, d, idx, str);
        return;
    }
    case LUA_TNIL:
        if (depth > 0)
            luaL_error(L, "attribute '%s': a list must be a sequence "
                       "(no keys, no holes)", key);
        luaL_error(L, "attribute '%s': nil cannot be stored", key);
        return;
    case LUA_TBOOLEAN:
        return;
    case LUA_TNUMBER:
        /* YAML output refuses them; fail here, at the script's line,
         * rather than when the article is written */
        if (!lua_isinteger(L, idx) && !isfinite((double)lua_tonumber(L, idx)))
            luaL_error(L, "attribute '%s': %s is not a finite number", key,
                       lua_tostring(L, idx));
        return;
    case LUA_TTABLE: {
        lua_Integer i, n = (lua_Integer)lua_rawlen(L, idx);

        if (depth > 0)
            luaL_error(L, "attribute '%s': lists cannot contain tables", key);
        if (n > MAX_LIST)
            luaL_error(L, "attribute '%s': list longer than %d", key, MAX_LIST);
        for (i = 1; i <= n; i++) {
            lua_rawgeti(L, idx, i);
            check_value(L, lua_gettop(L), key, depth + 1, d);
            lua_pop(L, 1);
        }
        lua_pushnil(L); /* only a sequence: no other keys */
        while (lua_next(L, idx)) {
            lua_pop(L, 1);
            if (!lua_isinteger(L, -1) || lua_tointeger(L, -1) < 1 ||
                lua_tointeger(L, -1) > n)
                luaL_error(L, "attribute '%s': a list must be a sequence "
                           "(no keys, no holes)", key);
        }
        return;
    }
    default:
        luaL_error(L, "attribute '%s': %s values cannot be stored (use a "
                   "string, number, boolean or list)", key, luaL_typename(L, idx));
    }
}

/* Convert an already checked value; raises nothing. */
static void to_value(lua_State *L, int idx, struct gl_value *v)
{
    size_t len;
    const char *s;

    switch (lua_type(L, idx)) {
    case LUA_TBOOLEAN:
        v->t = GL_V_BOOL;
        v->u.b = lua_toboolean(L, idx);
        break;
    case LUA_TNUMBER:
        if (lua_isinteger(L, idx)) {
            v->t = GL_V_INT;
            v->u.i = (int64_t)lua_tointeger(L, idx);
        } else {
            v->t = GL_V_NUM;
            v->u.n = (double)lua_tonumber(L, idx);
        }
        break;
    case LUA_TSTRING:
        s = lua_tolstring(L, idx, &len);
        v->t = GL_V_STR;
        v->u.s.p = xmemdup(s, len);
        v->u.s.len = len;
        break;
    default: { /* a checked list */
        size_t i, n = lua_rawlen(L, idx);

        v->t = GL_V_LIST;
        v->u.list.n = n;
        v->u.list.v = xcalloc(n ? n : 1, sizeof *v->u.list.v);
        for (i = 0; i < n; i++) {
            lua_rawgeti(L, idx, (lua_Integer)i + 1);
            to_value(L, lua_gettop(L), &v->u.list.v[i]);
            lua_pop(L, 1);
        }
    }
    }
}

static void push_value(lua_State *L, const struct gl_value *v)
{
    size_t i;

    switch (v->t) {
    case GL_V_BOOL: lua_pushboolean(L, v->u.b); break;
    case GL_V_INT: lua_pushinteger(L, (lua_Integer)v->u.i); break;
    case GL_V_NUM: lua_pushnumber(L, (lua_Number)v->u.n); break;
    case GL_V_STR: lua_pushlstring(L, v->u.s.p, v->u.s.len); break;
    case GL_V_LIST:
        lua_createtable(L, (int)v->u.list.n, 0);
        for (i = 0; i < v->u.list.n; i++) {
            push_value(L, &v->u.list.v[i]);
            lua_rawseti(L, -2, (lua_Integer)i + 1);
        }
        break;
    default: lua_pushnil(L);
    }
}

/* Check the attribute table at idx: string keys, storable values. The
 * first KEEP_MAX pairs are left on the stack (key, value, key, ...) for
 * store_attrs; returns how many, or -1 when the table has more (or the
 * stack no room), and store_attrs then walks the table again. */
static int check_attrs(lua_State *L, int idx, struct ldoc *d)
{
    int kept = lua_checkstack(L, 2 * KEEP_MAX + 8) ? 0 : -1;

    lua_pushnil(L);
    while (lua_next(L, idx)) {
        size_t klen;
        const char *k = lua_type(L, -2) == LUA_TSTRING
                            ? lua_tolstring(L, -2, &klen) : NULL;

        if (!k || (!known_ok(d, k) &&
                   (klen == 0 || strlen(k) != klen ||
                    !gl_utf8_valid(k, klen, NULL))))
            luaL_error(L, "attribute names must be non-empty UTF-8 strings "
                       "without NUL bytes");
        if (d && !known_ok(d, k)) remember_ok(L, d, -2, k);
        check_value(L, lua_gettop(L), k, 0, d);
        if (kept >= 0 && kept < KEEP_MAX) {
            lua_pushvalue(L, -2);   /* the pair stays; a copy of the key
                                     * goes on to lua_next */
            kept++;
        } else {
            lua_pop(L, 1);
            kept = -1;
        }
    }
    return kept;
}

/* Store the attributes: the `kept` pairs from stack index base on, or
 * (kept < 0) the whole table at idx. */
static void store_attrs(lua_State *L, struct gl_store *st, uint32_t id,
                        int idx, int base, int kept)
{
    struct gl_value v;
    size_t klen;
    const char *k;

    if (kept >= 0) {
        for (int i = 0; i < kept; i++) {
            k = lua_tolstring(L, base + 2 * i, &klen);
            to_value(L, base + 2 * i + 1, &v);
            gl_store_set_attr(st, id, k, klen, &v);
        }
        return;
    }
    lua_pushnil(L);
    while (lua_next(L, idx)) {
        k = lua_tolstring(L, -2, &klen);
        to_value(L, lua_gettop(L), &v);
        gl_store_set_attr(st, id, k, klen, &v);
        lua_pop(L, 1);
    }
}

/* The innermost Lua frame calling us: "source:line" for the rule field.
 * The line is asked of the debug interface every time; the source name
 * (what "S" costs) only once per calling function and Document. */
static const char *caller_rule(lua_State *L, struct ldoc *d,
                               unsigned long *line)
{
    lua_Debug ar;
    int level;

    for (level = 1; lua_getstack(L, level, &ar); level++) {
        const void *fn;
        size_t k;

        if (!lua_getinfo(L, "fl", &ar)) break;          /* [.., fn] */
        if (lua_iscfunction(L, -1)) {
            lua_pop(L, 1);
            continue;
        }
        *line = ar.currentline > 0 ? (unsigned long)ar.currentline : 0;
        fn = lua_topointer(L, -1);
        k = slot_of(fn, LDOC_NRULE);
        if (d->rulefn[k] != fn) {
            lua_getinfo(L, "S", &ar);
            /* the source string belongs to the function's prototype,
             * which the anchored function keeps alive */
            anchor(L, 1 + LDOC_NOK + (int)k, -1);
            d->rulefn[k] = fn;
            d->rulesrc[k] = ar.source[0] == '@' || ar.source[0] == '='
                                ? ar.source + 1 : "(string)";
        }
        lua_pop(L, 1);
        return d->rulesrc[k];
    }
    *line = 0;
    return "(unknown)";
}

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
    const char *type = check_name(L, 2, "annotation type", &tlen, d);
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
        kept = check_attrs(L, 4, d);                    /* [.., pairs] */
    }
    lgl_why_check(L, 5, d);
    script = caller_rule(L, d, &line);
    id = gl_store_add(d->st, type, tlen, gl_span_make(sp->start, sp->end),
                      script, line);
    if (id < 0) {
        lgl_note_limit(L);
        return luaL_error(L, "too many annotations for one article (limit %d)",
                          (int)d->st->max);
    }
    if (attrs) store_attrs(L, d->st, (uint32_t)id, 4, base, kept);
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
    const char *role = check_name(L, 3, "link role", &rlen, d);
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
    push_value(L, v);
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
    key = check_name(L, 2, "attribute name", &klen, NULL);
    luaL_checkany(L, 3);
    check_value(L, 3, key, 0, NULL);
    to_value(L, 3, &v);
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
        push_value(L, &a->attrs[i].val);
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
    role = check_name(L, 2, "link role", &rlen, NULL);
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

/* lregex.c - gloss.Regex: PCRE2 patterns over documents and spans.
 * Binding layer over core/re.c. Matches come back as spans (no text is
 * copied); captures that took no part are nil. */
#include <stdlib.h>
#include <string.h>

#include "lgloss.h"

/* Compiled patterns are kept per Lua state by (flags, pattern), so a
 * script that builds its regexes in the per-article code pays for
 * compilation once. The cache is dropped when it grows past this. */
#define REGEX_CACHE_MAX 4096

static const char CACHE_KEY = 0;

static int regex_gc(lua_State *L)
{
    struct lregex *r = lgl_checkudata(L, 1, LGL_T_REGEX);

    gl_re_free(r->re);
    free(r->ov);
    r->re = NULL;
    r->ov = NULL;
    return 0;
}

static struct lregex *check_regex(lua_State *L, int arg)
{
    struct lregex *r = lgl_checkudata(L, arg, LGL_T_REGEX);

    if (!r->re) luaL_argerror(L, arg, "regex is closed");
    return r;
}

/* gloss.regex(pattern [, flags]): flags is a string of i (caseless),
 * x (extended), m (multiline), s (dot matches newline), l (literal). */
int lgl_regex_new(lua_State *L)
{
    size_t plen;
    const char *pat = luaL_checklstring(L, 1, &plen);
    const char *fs = luaL_optstring(L, 2, "");
    unsigned flags;
    char bad;
    struct lregex *r;
    struct gl_err err;

    if (gl_re_parse_flags(fs, &flags, &bad) < 0)
        return luaL_argerror(L, 2, lua_pushfstring(L, "unknown regex flag '%c'", bad));
    lua_rawgetp(L, LUA_REGISTRYINDEX, &CACHE_KEY);      /* [cache] */
    lua_pushfstring(L, "%d:", (int)flags);
    lua_pushvalue(L, 1);
    lua_concat(L, 2);                                   /* [cache, key] */
    lua_pushvalue(L, -1);
    if (lua_rawget(L, -3) != LUA_TNIL) return 1;
    lua_pop(L, 1);

    r = lua_newuserdatauv(L, sizeof *r, 0);             /* [cache, key, re] */
    r->re = NULL;  /* safe empty state before anything can fail */
    r->ov = NULL;
    lgl_setmetatable(L, LGL_T_REGEX);
    r->re = gl_re_compile(pat, plen, flags, &err);
    if (!r->re)
        return luaL_error(L, "bad regex /%s/: %s", pat, err.msg);
    r->ov = malloc(2 * (gl_re_ncaptures(r->re) + 1) * sizeof *r->ov);
    if (!r->ov) return luaL_error(L, "not enough memory");

    lua_pushinteger(L, 0);                              /* count entries */
    lua_rawget(L, -4);
    if (lua_tointeger(L, -1) >= REGEX_CACHE_MAX) {
        lua_newtable(L);
        lua_rawsetp(L, LUA_REGISTRYINDEX, &CACHE_KEY);
        lua_pop(L, 1);
        return 1;
    }
    lua_pushinteger(L, 0);
    lua_pushinteger(L, lua_tointeger(L, -2) + 1);
    lua_rawset(L, -6);
    lua_pop(L, 1);
    lua_pushvalue(L, -2);
    lua_pushvalue(L, -2);
    lua_rawset(L, -5);                                  /* cache[key] = re */
    return 1;
}

static int match_error(lua_State *L, struct lregex *r, struct gl_err *err)
{
    if (err->code == GL_ELIMIT) lgl_note_limit(L);
    return luaL_error(L, "regex /%s/: %s", gl_re_pattern(r->re), err->msg);
}

/* Matching runs on the text after any BOM, so that ^ and \A hold at
 * the first character of a BOM file; offsets come back relative to that
 * subject and are moved back to file offsets here. */
static const char *subject(const struct gl_doc *doc)
{
    return doc->bytes + doc->body;
}

static void rebase(struct lregex *r, size_t body)
{
    uint32_t i, n = 2 * (gl_re_ncaptures(r->re) + 1);

    for (i = 0; i < n; i++)
        if (r->ov[i] != GL_RE_UNSET) r->ov[i] += body;
}

/* Push the whole match and each capture as spans (nil when unset);
 * the Document is at docidx. Returns the number of values pushed. */
static int push_captures(lua_State *L, struct lregex *r, int docidx)
{
    uint32_t i, n = gl_re_ncaptures(r->re) + 1;
    uint32_t origin = lgl_explain_on(L)
                          ? lgl_origin_regex(L, gl_re_pattern(r->re)) : 0;

    luaL_checkstack(L, (int)n + 2, "too many captures");
    for (i = 0; i < n; i++) {
        if (r->ov[2 * i] == GL_RE_UNSET)
            lua_pushnil(L);
        else
            lgl_push_span(L, docidx, (uint32_t)r->ov[2 * i],
                          (uint32_t)r->ov[2 * i + 1], LSPAN_PLAIN, 0)
                ->origin = origin;
    }
    return (int)n;
}

/* re:find(target) -> match span, capture spans... ; nil when none */
static int regex_find(lua_State *L)
{
    struct lregex *r = check_regex(L, 1);
    uint32_t s, e;
    struct ldoc *d = lgl_check_target(L, 2, &s, &e);   /* [.., doc] */
    int docidx = lua_gettop(L), rc;
    struct gl_err err;

    rc = gl_re_find(r->re, subject(d->doc), s - d->doc->body,
                    e - d->doc->body, r->ov, &err);
    if (rc < 0) return match_error(L, r, &err);
    if (rc == 0) return 0;
    rebase(r, d->doc->body);
    return push_captures(L, r, docidx);
}

/* re:test(target) -> boolean */
static int regex_test(lua_State *L)
{
    struct lregex *r = check_regex(L, 1);
    uint32_t s, e;
    struct ldoc *d = lgl_check_target(L, 2, &s, &e);
    struct gl_err err;
    int rc = gl_re_find(r->re, subject(d->doc), s - d->doc->body,
                        e - d->doc->body, r->ov, &err);

    if (rc < 0) return match_error(L, r, &err);
    lua_pushboolean(L, rc > 0);
    return 1;
}

/* re:match(target) -> {[0]=span, [1]=capture or nil, name=capture} */
static int regex_match(lua_State *L)
{
    struct lregex *r = check_regex(L, 1);
    uint32_t s, e, i, n, origin;
    struct ldoc *d = lgl_check_target(L, 2, &s, &e);
    int docidx = lua_gettop(L), rc;
    struct gl_err err;

    rc = gl_re_find(r->re, subject(d->doc), s - d->doc->body,
                    e - d->doc->body, r->ov, &err);
    if (rc < 0) return match_error(L, r, &err);
    if (rc == 0) return 0;
    rebase(r, d->doc->body);
    n = gl_re_ncaptures(r->re);
    origin = lgl_explain_on(L) ? lgl_origin_regex(L, gl_re_pattern(r->re))
                               : 0;
    lua_createtable(L, (int)n, (int)gl_re_nnames(r->re) + 1);
    for (i = 0; i <= n; i++) {
        if (r->ov[2 * i] == GL_RE_UNSET) continue;
        lgl_push_span(L, docidx, (uint32_t)r->ov[2 * i],
                      (uint32_t)r->ov[2 * i + 1], LSPAN_PLAIN, 0)
            ->origin = origin;
        lua_rawseti(L, -2, i);
    }
    for (i = 0; i < gl_re_nnames(r->re); i++) {
        uint32_t g;
        const char *name = gl_re_name(r->re, i, &g);

        lua_rawgeti(L, -1, g);
        lua_setfield(L, -2, name);
    }
    return 1;
}

/* Iterator: upvalues 1 regex, 2 Document, 3 state userdata. */
static int gmatch_next(lua_State *L)
{
    struct lregex *r = lua_touserdata(L, lua_upvalueindex(1));
    struct ldoc *d = lua_touserdata(L, lua_upvalueindex(2));
    struct gl_re_iter *it = lua_touserdata(L, lua_upvalueindex(3));
    struct gl_err err;
    int rc;

    if (!d->doc) return luaL_error(L, "document is closed (its article's run is over)");
    if (!r->re) return luaL_error(L, "regex is closed");
    rc = gl_re_iter_next(it, r->ov, &err);
    if (rc < 0) return match_error(L, r, &err);
    if (rc == 0) return 0;
    rebase(r, d->doc->body);
    return push_captures(L, r, lua_upvalueindex(2));
}

/* re:gmatch(target): for m, c1, c2 in re:gmatch(doc) do ... end */
static int regex_gmatch(lua_State *L)
{
    struct lregex *r = check_regex(L, 1);
    uint32_t s, e;
    struct ldoc *d = lgl_check_target(L, 2, &s, &e);   /* [re, t, doc] */
    struct gl_re_iter *it;

    it = lua_newuserdatauv(L, sizeof *it, 0);           /* [re, t, doc, it] */
    gl_re_iter_init(it, r->re, subject(d->doc), s - d->doc->body,
                    e - d->doc->body);
    lua_pushvalue(L, 1);
    lua_insert(L, -3);                                  /* [re, t, re, doc, it] */
    lua_pushcclosure(L, gmatch_next, 3);
    return 1;
}

static int regex_pattern(lua_State *L)
{
    lua_pushstring(L, gl_re_pattern(check_regex(L, 1)->re));
    return 1;
}

/* re:groups() -> number of capture groups */
static int regex_groups(lua_State *L)
{
    lua_pushinteger(L, gl_re_ncaptures(check_regex(L, 1)->re));
    return 1;
}

/* re:names() -> {name = group number} */
static int regex_names(lua_State *L)
{
    struct lregex *r = check_regex(L, 1);
    uint32_t i, g;

    lua_newtable(L);
    for (i = 0; i < gl_re_nnames(r->re); i++) {
        const char *name = gl_re_name(r->re, i, &g);
        lua_pushinteger(L, g);
        lua_setfield(L, -2, name);
    }
    return 1;
}

static int regex_tostring(lua_State *L)
{
    struct lregex *r = lgl_checkudata(L, 1, LGL_T_REGEX);

    lua_pushfstring(L, "gloss.Regex(/%s/)", r->re ? gl_re_pattern(r->re) : "");
    return 1;
}

void lgl_open_regex(lua_State *L)
{
    static const luaL_Reg methods[] = {
        {"find", regex_find},       {"test", regex_test},
        {"match", regex_match},     {"gmatch", regex_gmatch},
        {"pattern", regex_pattern}, {"groups", regex_groups},
        {"names", regex_names},     {NULL, NULL}
    };

    lgl_newmetatable(L, LGL_T_REGEX);
    lua_pushcfunction(L, regex_gc);
    lua_setfield(L, -2, "__gc");
    lua_pushcfunction(L, regex_tostring);
    lua_setfield(L, -2, "__tostring");
    luaL_newlib(L, methods);
    lua_setfield(L, -2, "__index");
    lua_pushliteral(L, "locked");
    lua_setfield(L, -2, "__metatable");
    lua_pop(L, 1);
    lua_newtable(L);
    lua_rawsetp(L, LUA_REGISTRYINDEX, &CACHE_KEY);
}

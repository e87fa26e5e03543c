/* llexicon.c - gloss.Lexicon: phrase lists matched on token boundaries,
 * case-folded, longest match first. Binding layer over core/lexicon.c.
 * Lexicon files load once per engine (cached by resolved path). */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "lgloss.h"
#include "util.h"

static const char CACHE_KEY = 0;

static int lexicon_gc(lua_State *L)
{
    struct llexicon *x = lgl_checkudata(L, 1, LGL_T_LEXICON);

    gl_lex_free(x->lex);
    x->lex = NULL;
    free(x->name);
    x->name = NULL;
    return 0;
}

static int lexicon_tostring(lua_State *L)
{
    struct llexicon *x = lgl_checkudata(L, 1, LGL_T_LEXICON);

    lua_pushfstring(L, "gloss.Lexicon(%d entries)",
                    x->lex ? (int)gl_lex_size(x->lex) : 0);
    return 1;
}

static struct llexicon *check_lexicon(lua_State *L, int arg)
{
    struct llexicon *x = lgl_checkudata(L, arg, LGL_T_LEXICON);

    if (!x->lex) luaL_argerror(L, arg, "lexicon is closed");
    return x;
}

/* New empty Lexicon userdata; user value 1 caches entry tables. */
static struct llexicon *new_lexicon(lua_State *L)
{
    struct llexicon *x = lua_newuserdatauv(L, sizeof *x, 1);

    x->lex = NULL;
    x->name = NULL;
    lgl_setmetatable(L, LGL_T_LEXICON);
    x->lex = gl_lex_new();
    lua_newtable(L);
    lua_setiuservalue(L, -2, 1);
    return x;
}

static int exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* 1 when a lexicon name stays inside the folder it is looked up in: no
 * absolute path, no ".." component (scripts read data only from beside
 * themselves or from the scripts root, never any file of the machine). */
static int confined(const char *name)
{
    const char *p = name;

    if (name[0] == '/' || !name[0]) return 0;
    while (*p) {
        size_t n = strcspn(p, "/");
        if (n == 2 && p[0] == '.' && p[1] == '.') return 0;
        p += n;
        if (*p == '/') p++;
    }
    return 1;
}

/* A lexicon name is looked up beside the calling script, then under the
 * scripts root's lexicons/ folder. Pushes the path found. */
static const char *resolve(lua_State *L, const char *name)
{
    char dirbuf[4096];
    const char *dir, *root = lgl_engine_root(lgl_engine(L));

    if (!confined(name))
        luaL_error(L, "lexicon '%s': give a path relative to the script or "
                   "to %s/lexicons, without '..'", name, root);
    dir = lgl_caller_dir(L, dirbuf, sizeof dirbuf);
    if (*dir) {
        const char *p = lua_pushfstring(L, "%s/%s", dir, name);
        if (exists(p)) return p;
        lua_pop(L, 1);
    }
    {
        const char *p = lua_pushfstring(L, "%s/lexicons/%s", root, name);
        if (exists(p)) return p;
        lua_pop(L, 1);
    }
    luaL_error(L, "lexicon '%s' not found (looked beside the script and in "
               "%s/lexicons)", name, root);
    return NULL;
}

/* The core's message already starts with the name and line. */
static int load_error(lua_State *L, struct gl_err *err)
{
    return luaL_error(L, "lexicon %s", err->msg);
}

/* gloss.lexicon(path) or gloss.lexicon{ "phrase", "phrase\tkey=value", ... } */
int lgl_lexicon_new(lua_State *L)
{
    struct llexicon *x;
    struct gl_err err;

    if (lua_istable(L, 1)) {
        luaL_Buffer b;
        lua_Integer i, n = (lua_Integer)lua_rawlen(L, 1);

        luaL_buffinit(L, &b);
        for (i = 1; i <= n; i++) {
            lua_rawgeti(L, 1, i);
            if (!lua_isstring(L, -1))
                return luaL_argerror(L, 1, "list of strings expected");
            luaL_addvalue(&b);
            luaL_addchar(&b, '\n');
        }
        luaL_pushresult(&b);                            /* [list, text] */
        x = new_lexicon(L);
        {
            size_t len;
            const char *text = lua_tolstring(L, -2, &len);
            if (gl_lex_load_buffer(x->lex, text, len, "(list)", &err) != GL_OK)
                return load_error(L, &err);
            x->name = xstrdup("(list)");
        }
        return 1;
    }
    {
        const char *path = resolve(L, luaL_checkstring(L, 1)); /* [name, path] */

        lua_rawgetp(L, LUA_REGISTRYINDEX, &CACHE_KEY);  /* [name, path, cache] */
        if (lua_getfield(L, -1, path) != LUA_TNIL) return 1;
        lua_pop(L, 1);
        x = new_lexicon(L);                             /* [.., cache, lex] */
        if (gl_lex_load_file(x->lex, path, &err) != GL_OK)
            return load_error(L, &err);
        x->name = xstrdup(lua_tostring(L, 1)); /* as the script named it */
        lua_pushvalue(L, -1);
        lua_setfield(L, -3, path);
        return 1;
    }
}

/* Push the entry table {phrase=..., attr=value...} (cached). */
static void push_entry(lua_State *L, int lexidx, struct llexicon *x,
                       uint32_t entry)
{
    size_t i, n;

    lua_getiuservalue(L, lexidx, 1);                    /* [entries] */
    if (lua_rawgeti(L, -1, (lua_Integer)entry + 1) != LUA_TNIL) {
        lua_remove(L, -2);
        return;
    }
    lua_pop(L, 1);
    n = gl_lex_nattrs(x->lex, entry);
    lua_createtable(L, 0, (int)n + 1);                  /* [entries, e] */
    for (i = 0; i < n; i++) {
        const char *k, *v;
        size_t vlen;

        gl_lex_attr(x->lex, entry, i, &k, &v, &vlen);
        lua_pushlstring(L, v, vlen);
        lua_setfield(L, -2, k);
    }
    lua_pushstring(L, gl_lex_phrase(x->lex, entry));
    lua_setfield(L, -2, "phrase");
    lua_pushvalue(L, -1);
    lua_rawseti(L, -3, (lua_Integer)entry + 1);
    lua_remove(L, -2);                                  /* [e] */
}

struct first_match {
    int found;
    uint32_t entry;
    size_t first, end;
};

static int take_first(void *ctx, uint32_t entry, size_t first, size_t end)
{
    struct first_match *m = ctx;

    m->found = 1;
    m->entry = entry;
    m->first = first;
    m->end = end;
    return 1; /* stop: the iterator resumes after this match */
}

/* Iterator: upvalues 1 lexicon, 2 Document, 3 next token, 4 end token. */
static int find_next(lua_State *L)
{
    struct llexicon *x = lua_touserdata(L, lua_upvalueindex(1));
    struct ldoc *d = lua_touserdata(L, lua_upvalueindex(2));
    size_t from = (size_t)lua_tointeger(L, lua_upvalueindex(3));
    size_t to = (size_t)lua_tointeger(L, lua_upvalueindex(4));
    struct first_match m = {0, 0, 0, 0};

    if (!d->doc) return luaL_error(L, "document is closed (its article's run is over)");
    if (from >= to) return 0;
    gl_lex_scan(x->lex, d->doc, from, to, take_first, &m);
    if (!m.found) {
        lua_pushinteger(L, (lua_Integer)to);
        lua_replace(L, lua_upvalueindex(3));
        return 0;
    }
    lua_pushinteger(L, (lua_Integer)m.end);
    lua_replace(L, lua_upvalueindex(3));
    lgl_push_span(L, lua_upvalueindex(2), d->doc->tokens[m.first].start,
                  d->doc->tokens[m.end - 1].end, LSPAN_PLAIN, 0)
        ->origin = lgl_explain_on(L) ? lgl_origin_lexicon(L, x, m.entry) : 0;
    push_entry(L, lua_upvalueindex(1), x, m.entry);
    return 2;
}

/* lex:find(target): for span, entry in lex:find(doc) do ... end */
static int lexicon_find(lua_State *L)
{
    struct llexicon *x = check_lexicon(L, 1);
    uint32_t s, e;
    struct ldoc *d = lgl_check_target(L, 2, &s, &e);  /* [lex, t, doc] */
    size_t first = gl_doc_token_from(d->doc, s);
    size_t end = gl_doc_token_from(d->doc, e);

    (void)x;
    if (end > first && d->doc->tokens[end - 1].end > e) end--;
    lua_pushvalue(L, 1);
    lua_insert(L, -2);                                 /* [lex, t, lex, doc] */
    lua_pushinteger(L, (lua_Integer)first);
    lua_pushinteger(L, (lua_Integer)(end < first ? first : end));
    lua_pushcclosure(L, find_next, 4);
    return 1;
}

/* lex:lookup(text) -> entry table, or nil */
static int lexicon_lookup(lua_State *L)
{
    struct llexicon *x = check_lexicon(L, 1);
    size_t len;
    const char *s = luaL_checklstring(L, 2, &len);
    long entry = gl_lex_lookup(x->lex, s, len);

    if (entry < 0) return 0;
    push_entry(L, 1, x, (uint32_t)entry);
    return 1;
}

static int lexicon_size(lua_State *L)
{
    lua_pushinteger(L, (lua_Integer)gl_lex_size(check_lexicon(L, 1)->lex));
    return 1;
}

void lgl_open_lexicon(lua_State *L)
{
    static const luaL_Reg methods[] = {
        {"find", lexicon_find}, {"lookup", lexicon_lookup},
        {"size", lexicon_size}, {NULL, NULL}
    };

    lgl_newmetatable(L, LGL_T_LEXICON);
    lua_pushcfunction(L, lexicon_gc);
    lua_setfield(L, -2, "__gc");
    lua_pushcfunction(L, lexicon_tostring);
    lua_setfield(L, -2, "__tostring");
    luaL_newlib(L, methods);
    lua_setfield(L, -2, "__index");
    lua_pushliteral(L, "locked");
    lua_setfield(L, -2, "__metatable");
    lua_pop(L, 1);
    lua_newtable(L);
    lua_rawsetp(L, LUA_REGISTRYINDEX, &CACHE_KEY);
}

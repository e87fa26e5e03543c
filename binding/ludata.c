/* ludata.c - gloss's userdata types checked by the address of their
 * metatable's registry slot, not by name. Binding layer.
 *
 * luaL_checkudata and luaL_testudata fetch the metatable by its name, a
 * string lookup in the registry on every call; every method of every
 * Span, Document and Annotation starts with such a check, and together
 * they took 3-4% of the news preset. Here a metatable is known by its
 * address, kept in the engine when the type is registered (the registry
 * keeps the table alive, so the address stays valid for the state's
 * life). Error messages stay those of luaL_checkudata. */
#include "engine_int.h"
#include "lgloss.h"

static const char *const names[LGL_NTYPES] = {LGL_DOC, LGL_SPAN, LGL_REGEX,
                                              LGL_LEXICON, LGL_ANN};

int lgl_newmetatable(lua_State *L, enum lgl_type t)
{
    struct gl_engine *eng;
    int fresh = luaL_newmetatable(L, names[t]);  /* __name for messages */

    lua_getallocf(L, (void **)&eng); /* the allocator's ud is the engine */
    eng->mt[t] = lua_topointer(L, -1);
    lua_pushvalue(L, -1);
    eng->mtref[t] = luaL_ref(L, LUA_REGISTRYINDEX); /* an array slot: fast */
    return fresh;
}

void lgl_setmetatable(lua_State *L, enum lgl_type t)
{
    struct gl_engine *eng;

    lua_getallocf(L, (void **)&eng);
    lua_rawgeti(L, LUA_REGISTRYINDEX, eng->mtref[t]);
    lua_setmetatable(L, -2);
}

/* Four API calls and a pointer compare, no string work: the message is
 * built only when lgl_checkudata fails. */
void *lgl_testudata(lua_State *L, int arg, enum lgl_type t)
{
    struct gl_engine *eng;
    void *p = lua_touserdata(L, arg);
    const void *mt;

    if (!p || !lua_getmetatable(L, arg)) return NULL;
    mt = lua_topointer(L, -1);
    lua_pop(L, 1);
    lua_getallocf(L, (void **)&eng);
    return mt == eng->mt[t] ? p : NULL;
}

void *lgl_checkudata(lua_State *L, int arg, enum lgl_type t)
{
    void *p = lgl_testudata(L, arg, t);

    if (!p) luaL_typeerror(L, arg, names[t]);
    return p;
}

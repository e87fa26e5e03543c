/* lmodule.c - the `gloss` module table scripts see. Binding layer. */
#include <stdio.h>

#include "lgloss.h"

int lgl_log_line(lua_State *L, char sep)
{
    int i, n = lua_gettop(L);
    luaL_Buffer b;

    /* buffinit first: in 5.4 it may push a placeholder, so a value
     * pushed before it would not be on top for luaL_addvalue */
    luaL_buffinit(L, &b);
    luaL_where(L, 1);
    luaL_addvalue(&b);
    for (i = 1; i <= n; i++) {
        if (i > 1) luaL_addchar(&b, sep);
        luaL_tolstring(L, i, NULL);
        luaL_addvalue(&b);
    }
    luaL_addchar(&b, '\n');
    luaL_pushresult(&b);
    fputs(lua_tostring(L, -1), stderr);
    return 0;
}

/* gloss.log(...): a line on stderr naming the calling script and line. */
static int l_log(lua_State *L)
{
    return lgl_log_line(L, ' ');
}

/* gloss.is_span(v), gloss.is_document(v) */
static int l_is_span(lua_State *L)
{
    lua_pushboolean(L, lgl_testudata(L, 1, LGL_T_SPAN) != NULL);
    return 1;
}

static int l_is_document(lua_State *L)
{
    lua_pushboolean(L, lgl_testudata(L, 1, LGL_T_DOC) != NULL);
    return 1;
}

int luaopen_gloss(lua_State *L)
{
    static const luaL_Reg funcs[] = {
        {"regex", lgl_regex_new},
        {"lexicon", lgl_lexicon_new},
        {"log", l_log},
        {"is_span", l_is_span},
        {"is_document", l_is_document},
        {NULL, NULL}
    };

    lgl_open_doc(L);
    lgl_open_span(L);
    lgl_open_regex(L);
    lgl_open_lexicon(L);
    lgl_open_ann(L);
    luaL_newlib(L, funcs);
    lua_pushliteral(L, GLOSS_VERSION);
    lua_setfield(L, -2, "version");
    return 1;
}

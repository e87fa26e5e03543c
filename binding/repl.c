/* repl.c - gloss repl (Lua lines over an open article) and the --explain
 * switch of the engine. Binding layer. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>
#include <lua.h>
#include <lualib.h>

#include "budget.h"
#include "engine_int.h"
#include "lgloss.h"
#include "utf8.h"
#include "util.h"

/* ---- --explain and gloss repl ---------------------------------------- */

void gl_engine_set_explain(struct gl_engine *eng, int on)
{
    eng->explain = on != 0;
}

const struct gl_explain *gl_engine_explain(const struct gl_engine *eng)
{
    return eng->explain ? &eng->ex : NULL;
}

int gl_engine_repl_begin(struct gl_engine *eng, struct gl_doc *doc,
                         struct gl_store *st, struct gl_err *err)
{
    lua_State *L = eng->L;
    int rc;

    eng->repl = 1;
    rc = gl_engine_run(eng, doc, st, err);
    eng->repl = 0;
    /* one environment for the whole session, so `x = 1` lasts */
    lgl_push_env(L);
    lua_rawgeti(L, LUA_REGISTRYINDEX, eng->repl_doc);
    lua_setfield(L, -2, "doc");
    eng->repl_env = luaL_ref(L, LUA_REGISTRYINDEX);
    return rc;
}

/* Call the chunk (arg 1) and return its results as one string, joined by
 * tabs; inside the protected call so a __tostring error is caught too. */
static int repl_call(lua_State *L)
{
    luaL_Buffer b;
    int n;

    lua_call(L, 0, LUA_MULTRET);
    n = lua_gettop(L);
    luaL_buffinit(L, &b);
    for (int i = 1; i <= n; i++) {
        if (i > 1) luaL_addchar(&b, '\t');
        luaL_tolstring(L, i, NULL);
        luaL_addvalue(&b);
    }
    luaL_pushresult(&b);
    return 1;
}

/* Compile one REPL input like the lua prompt: "= e" and bare expressions
 * print their values. Pushes the chunk and returns LUA_OK, or returns
 * GL_REPL_MORE when the input ends too early, or the load error status
 * (message pushed). */
static int repl_load(lua_State *L, const char *code, size_t len)
{
    struct gl_buf b = {0};
    int rc;

    if (len && code[0] == '=') code++, len--;
    gl_buf_puts(&b, "return ");
    gl_buf_add(&b, code, len);
    rc = luaL_loadbufferx(L, b.p, b.len, "=repl", "t");
    gl_buf_free(&b);
    if (rc == LUA_OK) return LUA_OK;
    lua_pop(L, 1);
    rc = luaL_loadbufferx(L, code, len, "=repl", "t");
    if (rc == LUA_ERRSYNTAX) {
        size_t mlen;
        const char *m = lua_tolstring(L, -1, &mlen);
        if (m && mlen >= 5 && strcmp(m + mlen - 5, "<eof>") == 0) {
            lua_pop(L, 1);
            return GL_REPL_MORE;
        }
    }
    return rc;
}

int gl_engine_repl_eval(struct gl_engine *eng, const char *code, size_t len,
                        struct gl_buf *out, struct gl_err *err)
{
    lua_State *L = eng->L;
    int base = lua_gettop(L), status, rc = GL_OK;
    size_t n;
    const char *s;

    out->len = 0;
    lua_pushcfunction(L, lgl_msghandler);                /* [h] */
    lua_pushcfunction(L, repl_call);                 /* [h, call] */
    status = repl_load(L, code, len);
    if (status == GL_REPL_MORE) {
        lua_settop(L, base);
        return GL_REPL_MORE;
    }
    if (status != LUA_OK) {
        s = lua_tolstring(L, -1, &n);
        lgl_clean_message(&eng->msg, s ? s : "syntax error", s ? n : 12);
        gl_err_set(err, GL_ESYNTAX, 0, "%s", eng->msg.p);
        lua_settop(L, base);
        return GL_ESYNTAX;
    }
    lua_rawgeti(L, LUA_REGISTRYINDEX, eng->repl_env);  /* [h, call, fn, env] */
    if (!lua_setupvalue(L, -2, 1)) lua_pop(L, 1);

    /* the same budgets as a script, for this one input */
    eng->timed_out = eng->limit_hit = eng->heap_refused = 0;
    eng->heap_limit = eng->lim.max_memory;
    gl_budget_arm(eng->lim.timeout_ms);
    if (eng->lim.timeout_ms)
        lua_sethook(L, lgl_time_hook, LUA_MASKCOUNT, HOOK_EVERY);
    status = lua_pcall(L, 1, 1, base + 1);
    lua_sethook(L, NULL, 0, 0);
    gl_budget_disarm();
    eng->heap_limit = 0;
    if (status != LUA_OK) {
        rc = lgl_script_failed(eng, status, err);
    } else {
        s = lua_tolstring(L, -1, &n);
        gl_buf_add(out, s ? s : "", s ? n : 0);
    }
    lua_settop(L, base);
    return rc;
}

void gl_engine_repl_end(struct gl_engine *eng)
{
    if (eng->repl_ld) {
        eng->repl_ld->doc = NULL;
        eng->repl_ld->st = NULL;
        eng->repl_ld = NULL;
    }
    luaL_unref(eng->L, LUA_REGISTRYINDEX, eng->repl_doc);
    luaL_unref(eng->L, LUA_REGISTRYINDEX, eng->repl_env);
    eng->repl_doc = eng->repl_env = LUA_NOREF;
}

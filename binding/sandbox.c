/* sandbox.c - the environment scripts run in: an allow-list of globals,
 * library tables copied per script, require confined to the script's
 * folder and the scripts root, and wrapped base functions that no script
 * can use to escape a budget. Binding layer. */
#include <limits.h>
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

/* Globals a script may read, besides `gloss`, `require` and `print`. */
static const char *const allowed_globals[] = {
    "assert", "error", "ipairs", "next", "pairs", "pcall", "xpcall",
    "select", "tonumber", "tostring", "type", "rawequal", "rawget",
    "rawlen", "rawset", "setmetatable", "getmetatable", "_VERSION",
    "string", "table", "math", "utf8", "coroutine", NULL
};

/* ---- the sandboxed environment -------------------------------------- */

/* Push a shallow copy of the table at idx (raw: no metamethods run). */
static void copy_table(lua_State *L, int idx)
{
    idx = lua_absindex(L, idx);
    lua_createtable(L, 0, (int)lua_rawlen(L, idx) + 8);
    lua_pushnil(L);
    while (lua_next(L, idx)) {
        lua_pushvalue(L, -2);
        lua_insert(L, -2);
        lua_rawset(L, -4);
    }
}

/* __index of a script environment: the allow-list, else an error, so a
 * misspelt name fails loudly instead of reading nil. A library table
 * (string, math, gloss, ...) is handed out as a copy made for this
 * environment on first use, so `string.upper = f` or `math.random = f`
 * changes only this script's run, never a preset or the next article. */
static int env_index(lua_State *L)
{
    lua_pushvalue(L, 2);
    lua_rawget(L, lua_upvalueindex(1));
    if (lua_isnil(L, -1)) {
        if (lua_type(L, 2) == LUA_TSTRING)
            return luaL_error(L, "unknown global '%s'", lua_tostring(L, 2));
        return luaL_error(L, "unknown global of type %s", luaL_typename(L, 2));
    }
    if (lua_istable(L, -1) && lua_istable(L, 1)) {
        copy_table(L, -1);                  /* [env, key, lib, copy] */
        lua_pushvalue(L, 2);
        lua_pushvalue(L, -2);
        lua_rawset(L, 1);
    }
    return 1;
}

/* Push a new environment table: empty, reading through to the base. */
void lgl_push_env(lua_State *L)
{
    lua_newtable(L);                              /* [env] */
    lua_createtable(L, 0, 1);                     /* [env, mt] */
    lua_rawgetp(L, LUA_REGISTRYINDEX, &lgl_base_key); /* [env, mt, base] */
    lua_pushcclosure(L, env_index, 1);            /* [env, mt, index] */
    lua_setfield(L, -2, "__index");
    lua_setmetatable(L, -2);                      /* [env] */
}

/* print(...): to stderr, prefixed with the calling script's place, so
 * stdout stays clean YAML. */
static int l_print(lua_State *L)
{
    return lgl_log_line(L, '\t');
}

/* setmetatable without __gc: finalizers run with hooks off, so a looping
 * one could never be stopped (and one running at lua_close would hang the
 * process). Any other metatable goes to the real setmetatable. */
static int l_setmetatable(lua_State *L)
{
    if (lua_istable(L, 2) && lua_getfield(L, 2, "__gc") != LUA_TNIL)
        return luaL_error(L, "__gc metamethods are not allowed in scripts");
    lua_settop(L, 2);
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, 2, 1);
    return 1;
}

/* getmetatable: tables as in Lua. Strings and userdata share one
 * metatable per type with every other script and the presets, so a script
 * gets a copy of it (and of its __index table): reading
 * getmetatable("").__index.upper works, changing it changes nothing. */
static int l_getmetatable(lua_State *L)
{
    luaL_checkany(L, 1);
    if (lua_istable(L, 1) || !lua_getmetatable(L, 1)) {
        lua_settop(L, 1);
        lua_pushvalue(L, lua_upvalueindex(1));
        lua_insert(L, 1);
        lua_call(L, 1, 1);
        return 1;
    }
    if (lua_getfield(L, -1, "__metatable") != LUA_TNIL) return 1;
    lua_pop(L, 1);
    copy_table(L, -1);                                /* [v, mt, copy] */
    if (lua_getfield(L, -1, "__index") == LUA_TTABLE) {
        copy_table(L, -1);
        lua_setfield(L, -3, "__index");
    }
    lua_pop(L, 1);
    return 1;
}

/* The message handler given to xpcall, wrapped. An error raised by the
 * count hook reaches the handler while Lua has hooks switched off, so a
 * looping handler could never be stopped: once the time is up the
 * handler is skipped and the error passes through unchanged. */
static int guarded_handler(lua_State *L)
{
    if (gl_budget_expired()) return lua_gettop(L) > 0 ? 1 : 0;
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, lua_gettop(L) - 1, LUA_MULTRET);
    return lua_gettop(L);
}

static int xpcall_done(lua_State *L, int status, lua_KContext ctx)
{
    (void)status;
    (void)ctx;
    return lua_gettop(L);
}

static int l_xpcall(lua_State *L)
{
    luaL_checktype(L, 2, LUA_TFUNCTION);
    lua_pushvalue(L, 2);
    lua_pushcclosure(L, guarded_handler, 1);
    lua_replace(L, 2);
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    /* with a continuation, so a coroutine can still yield inside */
    lua_callk(L, lua_gettop(L) - 1, LUA_MULTRET, 0, xpcall_done);
    return xpcall_done(L, LUA_OK, 0);
}

/* math.randomseed: with no argument Lua seeds from the clock and the
 * address space, which would make output differ between runs; gloss seeds
 * with 0 instead. A given seed is passed on unchanged. */
static int l_randomseed(lua_State *L)
{
    if (lua_gettop(L) == 0) lua_pushinteger(L, 0);
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, lua_gettop(L) - 1, LUA_MULTRET);
    return lua_gettop(L);
}

/* Module names are dotted identifiers: no "..", no absolute paths. */
int lgl_valid_module_name(const char *s)
{
    int start = 1;

    if (!*s) return 0;
    for (; *s; s++) {
        if (*s == '.') {
            if (start) return 0;
            start = 1;
        } else if ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
                   (*s >= '0' && *s <= '9') || *s == '_' || *s == '-') {
            start = 0;
        } else {
            return 0;
        }
    }
    return !start;
}

/* require(name): helpers from the calling script's folder, its lib/
 * subfolder, or the scripts root's lib/. Each file is loaded once per
 * engine (cached by its path, so two scripts' own "util" modules do not
 * collide), in a sandboxed environment like scripts. */
static const char RESOLVED_KEY = 0; /* "dir\nname" -> module path */

static int l_require(lua_State *L)
{
    struct gl_engine *eng = lgl_engine(L);
    const char *name = luaL_checkstring(L, 1);
    char dirbuf[4096], *rel, *cand[3];
    const char *dir;
    int i, found = -1, loaded, resolved, key;
    struct gl_err err;

    if (!lgl_valid_module_name(name))
        return luaL_error(L, "invalid module name '%s'", name);
    lua_rawgetp(L, LUA_REGISTRYINDEX, &lgl_loaded_key);  /* [loaded] */
    loaded = lua_gettop(L);
    dir = lgl_caller_dir(L, dirbuf, sizeof dirbuf);
    /* scripts require their modules once per article: a module met
     * before from this folder is found without building paths or
     * asking the file system again */
    if (lua_rawgetp(L, LUA_REGISTRYINDEX, &RESOLVED_KEY) != LUA_TTABLE) {
        lua_pop(L, 1);
        lua_newtable(L);
        lua_pushvalue(L, -1);
        lua_rawsetp(L, LUA_REGISTRYINDEX, &RESOLVED_KEY);
    }
    resolved = lua_gettop(L);
    lua_pushfstring(L, "%s\n%s", dir, name);     /* [loaded, resolved, key] */
    key = lua_gettop(L);
    lua_pushvalue(L, key);
    if (lua_rawget(L, resolved) == LUA_TSTRING &&  /* [.., key, path] */
        lua_rawget(L, loaded) != LUA_TNIL)         /* [.., key, value] */
        return 1;
    lua_pop(L, 1);                                 /* [loaded, resolved, key] */

    rel = xstrdup(name);
    for (char *p = rel; *p; p++)
        if (*p == '.') *p = '/';
    {
        size_t n = strlen(rel);
        rel = xrealloc(rel, n + 5);
        memcpy(rel + n, ".lua", 5);
    }
    {
        char *libdir = lgl_path_join(dir, "lib");
        char *rootlib = lgl_path_join(eng->root, "lib");
        cand[0] = lgl_path_join(dir, rel);
        cand[1] = lgl_path_join(libdir, rel);
        cand[2] = lgl_path_join(rootlib, rel);
        free(libdir);
        free(rootlib);
    }
    for (i = 0; i < 3; i++)
        if (lgl_is_file(cand[i])) {
            found = i;
            break;
        }
    if (found < 0) {
        for (i = 0; i < 3; i++) free(cand[i]);
        free(rel);
        return luaL_error(L, "module '%s' not found (looked in the script's "
                          "folder, its lib/ and %s/lib)", name, eng->root);
    }
    lua_pushvalue(L, key);
    lua_pushstring(L, cand[found]);
    lua_rawset(L, resolved);                 /* resolved[key] = path */
    lua_settop(L, loaded);                           /* [loaded] */
    lua_pushstring(L, cand[found]);                  /* [loaded, path] */
    if (lua_rawget(L, -2) != LUA_TNIL) {
        for (i = 0; i < 3; i++) free(cand[i]);
        free(rel);
        return 1;
    }
    lua_pop(L, 1);
    lua_pushstring(L, cand[found]);                  /* [loaded, path] */
    {
        /* Modules under the scripts root (the bundled helpers) get a
         * root-relative name, so output does not depend on where gloss
         * is installed, whichever folder found them. */
        size_t rl = strlen(eng->root);
        char *source = strncmp(cand[found], eng->root, rl) == 0 &&
                               cand[found][rl] == '/'
                           ? xstrdup(cand[found] + rl + 1)
                           : xstrdup(cand[found]);
        int rc = lgl_load_chunk(L, cand[found], source, &err);
        free(source);
        for (i = 0; i < 3; i++) free(cand[i]);
        free(rel);
        if (rc != GL_OK) return luaL_error(L, "%s", err.msg);
    }
    lgl_push_env(L);                               /* [loaded, path, fn, env] */
    if (!lua_setupvalue(L, -2, 1)) lua_pop(L, 1);
    lua_pushstring(L, name);
    lua_call(L, 1, 1);                         /* [loaded, path, result] */
    if (lua_isnil(L, -1)) {
        lua_pop(L, 1);
        lua_pushboolean(L, 1);
    }
    lua_pushvalue(L, -1);
    lua_insert(L, -3);                         /* [loaded, result, path, result] */
    lua_rawset(L, -4);
    return 1;
}

/* a < b for table.sort: the comparator at stack index 2, or Lua's <. */
static int sort_less(lua_State *L, int a, int b)
{
    int r;

    if (lua_isnil(L, 2)) return lua_compare(L, a, b, LUA_OPLT);
    lua_pushvalue(L, 2);
    lua_pushvalue(L, a);
    lua_pushvalue(L, b);
    lua_call(L, 2, 1);
    r = lua_toboolean(L, -1);
    lua_pop(L, 1);
    return r;
}

/* table.sort(t [, comp]) as a stable merge sort. Lua 5.4's own sort picks
 * its pivot at random (from the clock) on long ranges, so elements that
 * compare equal could come out in another order on the next run, and so
 * could the annotations a script makes from them: output must be the
 * same bytes on every run. Bottom-up, through a buffer table. */
static int l_sort(lua_State *L)
{
    lua_Integer n, width, i;
    int src = 1, dst = 3;

    luaL_checktype(L, 1, LUA_TTABLE);
    n = luaL_len(L, 1);
    if (!lua_isnoneornil(L, 2)) luaL_checktype(L, 2, LUA_TFUNCTION);
    lua_settop(L, 2);
    luaL_argcheck(L, n < INT_MAX, 1, "array too big");
    lua_createtable(L, (int)n, 0);                   /* [t, comp, buf] */
    for (width = 1; width < n; width *= 2) {
        for (i = 1; i <= n; i += 2 * width) {
            lua_Integer mid = i + width <= n ? i + width : n + 1;
            lua_Integer hi = i + 2 * width <= n ? i + 2 * width : n + 1;
            lua_Integer a = i, b = mid, k = i;

            while (a < mid && b < hi) {
                int ia, ib;

                lua_geti(L, src, a);
                ia = lua_gettop(L);
                lua_geti(L, src, b);
                ib = lua_gettop(L);
                /* the right one goes first only when strictly less:
                 * equal elements keep their order */
                if (sort_less(L, ib, ia)) {
                    lua_seti(L, dst, k++);
                    lua_pop(L, 1);
                    b++;
                } else {
                    lua_pop(L, 1);
                    lua_seti(L, dst, k++);
                    a++;
                }
            }
            for (; a < mid; a++) {
                lua_geti(L, src, a);
                lua_seti(L, dst, k++);
            }
            for (; b < hi; b++) {
                lua_geti(L, src, b);
                lua_seti(L, dst, k++);
            }
        }
        src = src == 1 ? 3 : 1;
        dst = dst == 1 ? 3 : 1;
    }
    if (src != 1)
        for (i = 1; i <= n; i++) {
            lua_geti(L, src, i);
            lua_seti(L, 1, i);
        }
    return 0;
}

/* coroutine.create / coroutine.wrap: the new thread gets the periodic
 * clock check, since the deadline signal only reaches the main thread
 * (deadline.c). The originals are upvalue 1. */
static void watch_thread(lua_State *L, lua_State *co)
{
    struct gl_engine *eng = lgl_engine(L);

    if (co && eng->lim.timeout_ms)
        lua_sethook(co, lgl_time_hook, LUA_MASKCOUNT, HOOK_EVERY);
}

static int l_cocreate(lua_State *L)
{
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, lua_gettop(L) - 1, 1);
    watch_thread(L, lua_tothread(L, -1));
    return 1;
}

static int l_cowrap(lua_State *L)
{
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, lua_gettop(L) - 1, 1);
    if (lua_getupvalue(L, -1, 1)) { /* the function's thread */
        watch_thread(L, lua_tothread(L, -1));
        lua_pop(L, 1);
    }
    return 1;
}

void lgl_build_base(lua_State *L)
{
    const char *const *g;

    lua_newtable(L);                                 /* [base] */
    for (g = allowed_globals; *g; g++) {
        lua_getglobal(L, *g);
        lua_setfield(L, -2, *g);
    }
    lua_getfield(L, LUA_REGISTRYINDEX, LUA_LOADED_TABLE);
    lua_getfield(L, -1, "gloss");
    lua_setfield(L, -3, "gloss");
    lua_pop(L, 1);
    lua_pushcfunction(L, l_print);
    lua_setfield(L, -2, "print");
    lua_pushcfunction(L, l_require);
    lua_setfield(L, -2, "require");
    lua_getglobal(L, "setmetatable");
    lua_pushcclosure(L, l_setmetatable, 1);
    lua_setfield(L, -2, "setmetatable");
    lua_getglobal(L, "getmetatable");
    lua_pushcclosure(L, l_getmetatable, 1);
    lua_setfield(L, -2, "getmetatable");
    lua_getglobal(L, "xpcall");
    lua_pushcclosure(L, l_xpcall, 1);
    lua_setfield(L, -2, "xpcall");
    /* the base holds its own math table, with a deterministic randomseed;
     * scripts get copies of it (env_index) */
    lua_getfield(L, -1, "math");                     /* [base, math] */
    copy_table(L, -1);                               /* [base, math, copy] */
    lua_getfield(L, -2, "randomseed");
    lua_pushcclosure(L, l_randomseed, 1);
    lua_setfield(L, -2, "randomseed");
    lua_setfield(L, -3, "math");
    lua_pop(L, 1);                                   /* [base] */
    /* coroutines made by scripts are watched for the deadline */
    lua_getfield(L, -1, "coroutine");                /* [base, co] */
    copy_table(L, -1);                               /* [base, co, copy] */
    lua_getfield(L, -1, "create");
    lua_pushcclosure(L, l_cocreate, 1);
    lua_setfield(L, -2, "create");
    lua_getfield(L, -1, "wrap");
    lua_pushcclosure(L, l_cowrap, 1);
    lua_setfield(L, -2, "wrap");
    lua_setfield(L, -3, "coroutine");
    lua_pop(L, 1);                                   /* [base] */
    /* table.sort, stable and the same on every run (l_sort) */
    lua_getfield(L, -1, "table");                    /* [base, table] */
    copy_table(L, -1);                               /* [base, table, copy] */
    lua_pushcfunction(L, l_sort);
    lua_setfield(L, -2, "sort");
    lua_setfield(L, -3, "table");
    lua_pop(L, 1);                                   /* [base] */
    /* string.dump would hand out bytecode, which load() must never see;
     * scripts get a string table without it. */
    lua_getfield(L, -1, "string");                   /* [base, string] */
    lua_newtable(L);                                 /* [base, string, copy] */
    lua_pushnil(L);
    while (lua_next(L, -3)) {
        lua_pushvalue(L, -2);
        lua_insert(L, -2);
        lua_rawset(L, -4);
    }
    lua_pushnil(L);
    lua_setfield(L, -2, "dump");
    /* Strings index through their metatable, so ("").dump and
     * getmetatable("").__index would still reach the full library:
     * point it at the copy too. Scripts never get this table itself
     * (env_index and l_getmetatable hand out copies), so ("x"):upper()
     * means the same in every script. */
    lua_pushliteral(L, "");
    if (lua_getmetatable(L, -1)) {                   /* [.., copy, "", mt] */
        lua_pushvalue(L, -3);
        lua_setfield(L, -2, "__index");
        lua_pop(L, 1);
    }
    lua_pop(L, 1);                                   /* [base, string, copy] */
    lua_setfield(L, -3, "string");
    lua_pop(L, 1);                                   /* [base] */
    lua_rawsetp(L, LUA_REGISTRYINDEX, &lgl_base_key);
}

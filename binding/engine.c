/* engine.c - the script runner: one Lua state, scripts compiled once, a
 * fresh allow-listed global environment per script and article, errors
 * with tracebacks. Binding layer (includes lua.h; the CLI sees engine.h).
 */
#include "engine.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <lauxlib.h>
#include <lua.h>
#include <lualib.h>

#include "budget.h"
#include "explain.h"
#include "utf8.h"
#include "lgloss.h"
#include "util.h"

struct script {
    char *label;     /* "preset:NAME" or the path as given */
    int ref;         /* registry ref of the compiled chunk */
};

struct gl_engine {
    lua_State *L;
    char *root;
    struct script *scripts;
    size_t n, cap;
    struct gl_buf msg; /* last error, full text */
    struct gl_limits lim;
    size_t heap_used;   /* bytes the Lua state holds */
    size_t heap_limit;  /* enforced by lua_alloc; 0 while setting up */
    int heap_refused;   /* an allocation was refused during this run */
    int timed_out;      /* the count hook found the deadline passed */
    int limit_hit;      /* another budget ran out (regex, annotations) */
    int explain;        /* --explain: record into ex (lexplain.c) */
    struct gl_explain ex;
    int repl;           /* gl_engine_run keeps the doc open (gloss repl) */
    struct ldoc *repl_ld;
    int repl_doc, repl_env; /* registry refs while the REPL is open */
};

/* How often (in VM instructions) the count hook reads the clock. */
#define HOOK_EVERY 1000

/* Registry keys (their addresses are unique). */
static const char ENGINE_KEY = 0; /* light userdata -> struct gl_engine */
static const char BASE_KEY = 0;   /* table of allowed globals */
static const char DIRS_KEY = 0;   /* chunk source -> folder of its file */
static const char LOADED_KEY = 0; /* module file -> value of require */
static const char SEED_KEY = 0;   /* the real math.randomseed */

/* Globals a script may read, besides `gloss`, `require` and `print`. */
static const char *const allowed_globals[] = {
    "assert", "error", "ipairs", "next", "pairs", "pcall", "xpcall",
    "select", "tonumber", "tostring", "type", "rawequal", "rawget",
    "rawlen", "rawset", "setmetatable", "getmetatable", "_VERSION",
    "string", "table", "math", "utf8", "coroutine", NULL
};

/* The Lua allocator: counts the heap and refuses growth past the limit,
 * which Lua turns into a catchable "not enough memory" after an emergency
 * collection. Frees and shrinks always succeed. When ptr is NULL, osize
 * encodes the kind of object, not a size. */
static void *lua_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
    struct gl_engine *eng = ud;
    void *p;

    if (!ptr) osize = 0;
    if (nsize == 0) {
        free(ptr);
        eng->heap_used -= osize;
        return NULL;
    }
    if (eng->heap_limit && nsize > osize &&
        eng->heap_used + (nsize - osize) > eng->heap_limit) {
        eng->heap_refused = 1;
        return NULL;
    }
    p = realloc(ptr, nsize);
    if (!p) return NULL;
    eng->heap_used = eng->heap_used - osize + nsize;
    return p;
}

/* Count hook: past the deadline, raise in this thread and make every
 * further instruction of this thread and the main one raise too, so
 * neither pcall nor a coroutine can swallow the timeout. Going over the
 * heap cap is final in the same way: a script that catches "not enough
 * memory" and tries again would otherwise spin until its timeout. */
static void time_hook(lua_State *L, lua_Debug *ar)
{
    struct gl_engine *eng;
    int timed_out = gl_budget_expired();

    (void)ar;
    lua_getallocf(L, (void **)&eng); /* the allocator's ud is the engine */
    if (!timed_out && !eng->heap_refused) return;
    eng->timed_out |= timed_out;
    lua_sethook(L, time_hook, LUA_MASKCOUNT, 1);
    lua_sethook(eng->L, time_hook, LUA_MASKCOUNT, 1);
    if (timed_out)
        luaL_error(L, "time limit (%d ms) reached", (int)eng->lim.timeout_ms);
    luaL_error(L, "memory limit (%d MiB) exceeded",
               (int)(eng->lim.max_memory >> 20));
}

void gl_engine_set_limits(struct gl_engine *eng, const struct gl_limits *lim)
{
    eng->lim = *lim;
}

void lgl_note_limit(lua_State *L)
{
    lgl_engine(L)->limit_hit = 1;
}

struct gl_engine *lgl_engine(lua_State *L)
{
    struct gl_engine *eng;

    lua_rawgetp(L, LUA_REGISTRYINDEX, &ENGINE_KEY);
    eng = lua_touserdata(L, -1);
    lua_pop(L, 1);
    return eng;
}

const char *lgl_engine_root(struct gl_engine *eng)
{
    return eng->root;
}

/* ---- file helpers ---------------------------------------------------- */

static char *path_join(const char *dir, const char *name)
{
    struct gl_buf b = {0};

    if (dir && *dir && name[0] != '/') {
        gl_buf_puts(&b, dir);
        if (b.p[b.len - 1] != '/') gl_buf_putc(&b, '/');
    }
    gl_buf_puts(&b, name);
    return b.p;
}

static char *dir_of(const char *path)
{
    const char *slash = strrchr(path, '/');

    if (!slash) return xstrdup(".");
    if (slash == path) return xstrdup("/");
    return xmemdup(path, (size_t)(slash - path));
}

static int is_file(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static int is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* ---- loading chunks -------------------------------------------------- */

/* Compile file `path` as chunk `source` (shown in messages, e.g.
 * "presets/quotes.lua") and push it; remembers the file's folder for
 * relative paths. Text chunks only: binary chunks can crash the VM. */
static int load_chunk(lua_State *L, const char *path, const char *source,
                      struct gl_err *err)
{
    size_t len;
    char *buf = gl_read_file(path, &len);
    char *chunkname, *dir;
    int rc;

    if (!buf)
        return gl_err_set(err, GL_ENOTFOUND, 0, "%s: %s", path,
                          strerror(errno));
    chunkname = xmalloc(strlen(source) + 2);
    chunkname[0] = '@';
    strcpy(chunkname + 1, source);
    rc = luaL_loadbufferx(L, buf, len, chunkname, "t");
    free(buf);
    if (rc != LUA_OK) {
        gl_err_set(err, GL_ESYNTAX, 0, "%s", lua_tostring(L, -1));
        lua_pop(L, 1);
        free(chunkname);
        return GL_ESYNTAX;
    }
    dir = dir_of(path);
    lua_rawgetp(L, LUA_REGISTRYINDEX, &DIRS_KEY);  /* [fn, dirs] */
    lua_pushstring(L, chunkname);
    lua_pushstring(L, dir);
    lua_rawset(L, -3);
    lua_pop(L, 1);                                 /* [fn] */
    free(dir);
    free(chunkname);
    return GL_OK;
}

const char *lgl_caller_dir(lua_State *L, char *buf, size_t size)
{
    lua_Debug ar;
    int level;
    const char *dir = "";

    for (level = 1; lua_getstack(L, level, &ar); level++) {
        if (!lua_getinfo(L, "S", &ar)) break;
        if (ar.what[0] == 'C') continue;
        lua_rawgetp(L, LUA_REGISTRYINDEX, &DIRS_KEY);
        lua_getfield(L, -1, ar.source);
        if (lua_isstring(L, -1)) {
            snprintf(buf, size, "%s", lua_tostring(L, -1));
            dir = buf;
        }
        lua_pop(L, 2);
        break;
    }
    return dir;
}

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
static void push_env(lua_State *L)
{
    lua_newtable(L);                              /* [env] */
    lua_createtable(L, 0, 1);                     /* [env, mt] */
    lua_rawgetp(L, LUA_REGISTRYINDEX, &BASE_KEY); /* [env, mt, base] */
    lua_pushcclosure(L, env_index, 1);            /* [env, mt, index] */
    lua_setfield(L, -2, "__index");
    lua_setmetatable(L, -2);                      /* [env] */
}

/* print(...): to stderr, prefixed with the calling script's place, so
 * stdout stays clean YAML. */
static int l_print(lua_State *L)
{
    int i, n = lua_gettop(L);
    luaL_Buffer b;

    /* buffinit first: in 5.4 it may push a placeholder, so a value
     * pushed before it would not be on top for luaL_addvalue */
    luaL_buffinit(L, &b);
    luaL_where(L, 1);
    luaL_addvalue(&b);
    for (i = 1; i <= n; i++) {
        if (i > 1) luaL_addchar(&b, '\t');
        luaL_tolstring(L, i, NULL);
        luaL_addvalue(&b);
    }
    luaL_addchar(&b, '\n');
    luaL_pushresult(&b);
    fputs(lua_tostring(L, -1), stderr);
    return 0;
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
static int valid_module_name(const char *s)
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
static int l_require(lua_State *L)
{
    struct gl_engine *eng = lgl_engine(L);
    const char *name = luaL_checkstring(L, 1);
    char dirbuf[4096], *rel, *cand[3];
    const char *dir;
    int i, found = -1;
    struct gl_err err;

    if (!valid_module_name(name))
        return luaL_error(L, "invalid module name '%s'", name);
    lua_rawgetp(L, LUA_REGISTRYINDEX, &LOADED_KEY);  /* [loaded] */

    rel = xstrdup(name);
    for (char *p = rel; *p; p++)
        if (*p == '.') *p = '/';
    {
        size_t n = strlen(rel);
        rel = xrealloc(rel, n + 5);
        memcpy(rel + n, ".lua", 5);
    }
    dir = lgl_caller_dir(L, dirbuf, sizeof dirbuf);
    {
        char *libdir = path_join(dir, "lib");
        char *rootlib = path_join(eng->root, "lib");
        cand[0] = path_join(dir, rel);
        cand[1] = path_join(libdir, rel);
        cand[2] = path_join(rootlib, rel);
        free(libdir);
        free(rootlib);
    }
    for (i = 0; i < 3; i++)
        if (is_file(cand[i])) {
            found = i;
            break;
        }
    if (found < 0) {
        for (i = 0; i < 3; i++) free(cand[i]);
        free(rel);
        return luaL_error(L, "module '%s' not found (looked in the script's "
                          "folder, its lib/ and %s/lib)", name, eng->root);
    }
    lua_pushstring(L, cand[found]);                  /* [loaded, path] */
    if (lua_rawget(L, -2) != LUA_TNIL) {
        for (i = 0; i < 3; i++) free(cand[i]);
        free(rel);
        return 1;
    }
    lua_pop(L, 1);
    lua_pushstring(L, cand[found]);                  /* [loaded, path] */
    {
        /* Bundled helpers get a root-relative name so output does not
         * depend on where gloss is installed. */
        char *source = found == 2 ? path_join("lib", rel) : xstrdup(cand[found]);
        int rc = load_chunk(L, cand[found], source, &err);
        free(source);
        for (i = 0; i < 3; i++) free(cand[i]);
        free(rel);
        if (rc != GL_OK) return luaL_error(L, "%s", err.msg);
    }
    push_env(L);                               /* [loaded, path, fn, env] */
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

static void build_base(lua_State *L)
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
    lua_rawsetp(L, LUA_REGISTRYINDEX, &BASE_KEY);
}

/* ---- engine lifecycle ------------------------------------------------ */

struct gl_engine *gl_engine_new(const char *scripts_root)
{
    struct gl_engine *eng = xcalloc(1, sizeof *eng);
    lua_State *L;
    static const luaL_Reg libs[] = {
        {LUA_GNAME, luaopen_base},       {LUA_STRLIBNAME, luaopen_string},
        {LUA_TABLIBNAME, luaopen_table}, {LUA_MATHLIBNAME, luaopen_math},
        {LUA_UTF8LIBNAME, luaopen_utf8}, {LUA_COLIBNAME, luaopen_coroutine},
        {NULL, NULL}
    };
    const luaL_Reg *lib;

    L = lua_newstate(lua_alloc, eng);
    if (!L) {
        fputs("gloss: cannot allocate memory\n", stderr);
        abort();
    }
    eng->L = L;
    eng->lim.timeout_ms = GL_DEFAULT_TIMEOUT_MS;
    eng->lim.max_memory = GL_DEFAULT_MAX_MEMORY;
    eng->lim.max_annotations = GL_DEFAULT_MAX_ANNOTATIONS;
    eng->root = xstrdup(scripts_root);
    lua_pushlightuserdata(L, eng);
    lua_rawsetp(L, LUA_REGISTRYINDEX, &ENGINE_KEY);
    for (lib = libs; lib->func; lib++) {
        luaL_requiref(L, lib->name, lib->func, 1);
        lua_pop(L, 1);
    }
    luaL_requiref(L, "gloss", luaopen_gloss, 0);
    lua_pop(L, 1);
    /* Same random sequence on every run: output must be reproducible. */
    lua_getglobal(L, "math");
    lua_getfield(L, -1, "randomseed");
    lua_rawsetp(L, LUA_REGISTRYINDEX, &SEED_KEY);
    lua_pop(L, 1);
    lua_newtable(L);
    lua_rawsetp(L, LUA_REGISTRYINDEX, &DIRS_KEY);
    lua_newtable(L);
    lua_rawsetp(L, LUA_REGISTRYINDEX, &LOADED_KEY);
    build_base(L);
    return eng;
}

void gl_engine_free(struct gl_engine *eng)
{
    size_t i;

    if (!eng) return;
    eng->heap_limit = 0; /* closing must never fail for want of memory */
    lua_close(eng->L);
    for (i = 0; i < eng->n; i++) free(eng->scripts[i].label);
    free(eng->scripts);
    free(eng->root);
    gl_explain_fini(&eng->ex);
    gl_buf_free(&eng->msg);
    free(eng);
}

static void set_message(struct gl_engine *eng, const char *s)
{
    eng->msg.len = 0;
    gl_buf_puts(&eng->msg, s);
}

static int add_chunk(struct gl_engine *eng, const char *path,
                     const char *source, const char *label,
                     struct gl_err *err)
{
    lua_State *L = eng->L;
    int rc = load_chunk(L, path, source, err);

    if (rc != GL_OK) {
        set_message(eng, err->msg);
        return rc;
    }
    GL_GROW(eng->scripts, eng->cap, eng->n + 1);
    eng->scripts[eng->n].label = xstrdup(label);
    eng->scripts[eng->n].ref = luaL_ref(L, LUA_REGISTRYINDEX);
    eng->n++;
    return GL_OK;
}

int gl_engine_add_preset(struct gl_engine *eng, const char *name,
                         struct gl_err *err)
{
    char *rel, *path, *label;
    int rc;

    if (!valid_module_name(name) || strchr(name, '.')) {
        gl_err_set(err, GL_ENOTFOUND, 0, "invalid preset name '%s'", name);
        set_message(eng, err->msg);
        return GL_ENOTFOUND;
    }
    rel = xmalloc(strlen(name) + sizeof "presets/.lua");
    sprintf(rel, "presets/%s.lua", name);
    path = path_join(eng->root, rel);
    if (!is_file(path)) {
        gl_err_set(err, GL_ENOTFOUND, 0,
                   "unknown preset '%s' (no %s; 'gloss presets' lists them)",
                   name, path);
        set_message(eng, err->msg);
        free(rel);
        free(path);
        return GL_ENOTFOUND;
    }
    label = xmalloc(strlen(name) + sizeof "preset:");
    sprintf(label, "preset:%s", name);
    rc = add_chunk(eng, path, rel, label, err);
    free(label);
    free(rel);
    free(path);
    return rc;
}

int gl_engine_add_script(struct gl_engine *eng, const char *path,
                         struct gl_err *err)
{
    if (!is_file(path)) {
        gl_err_set(err, GL_ENOTFOUND, 0, "%s: %s", path,
                   is_dir(path) ? "is a directory" : strerror(ENOENT));
        set_message(eng, err->msg);
        return GL_ENOTFOUND;
    }
    return add_chunk(eng, path, path, path, err);
}

size_t gl_engine_nscripts(const struct gl_engine *eng)
{
    return eng->n;
}

const char *gl_engine_label(const struct gl_engine *eng, size_t i)
{
    return eng->scripts[i].label;
}

const char *gl_engine_message(const struct gl_engine *eng)
{
    return eng->msg.p ? eng->msg.p : "";
}

/* Message handler: the error text plus a traceback. Never calls
 * __tostring on a non-string error value (that would run script code). */
static int msghandler(lua_State *L)
{
    const char *msg = lua_tostring(L, 1);

    if (!msg)
        msg = lua_pushfstring(L, "(error object is a %s value)",
                              luaL_typename(L, 1));
    luaL_traceback(L, L, msg, 1);
    return 1;
}

/* Longest error message kept; a script can raise megabytes of text. */
#define MAX_MESSAGE 4096

/* Copy a script's error text for a terminal: control bytes (but newline
 * and tab, which the traceback uses), C1 controls and bytes that are not
 * valid UTF-8 become \xNN, so an error cannot send escape sequences to
 * the user's terminal; cut at MAX_MESSAGE bytes. */
static void clean_message(struct gl_buf *out, const char *s, size_t len)
{
    size_t i = 0, n;
    unsigned char c;

    out->len = 0;
    while (i < len) {
        if (out->len >= MAX_MESSAGE) {
            gl_buf_printf(out, "... (cut: %zu bytes in all)", len);
            break;
        }
        c = (unsigned char)s[i];
        n = c < 0x80 ? 1 : c >= 0xC2 && c <= 0xDF ? 2 :
            c >= 0xE0 && c <= 0xEF ? 3 : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
        if (n == 1 && (c >= 0x20 || c == '\n' || c == '\t') && c != 0x7F) {
            gl_buf_putc(out, (char)c);
            i++;
        } else if (n > 1 && n <= len - i && gl_utf8_valid(s + i, n, NULL) &&
                   !(c == 0xC2 && (unsigned char)s[i + 1] < 0xA0)) {
            gl_buf_add(out, s + i, n);
            i += n;
        } else {
            gl_buf_printf(out, "\\x%02X", c);
            i++;
        }
    }
    if (!out->p) gl_buf_puts(out, "");
}

/* The error of a failed script run, classified: a budget (GL_ELIMIT) or
 * the script's own error (GL_ESCRIPT). The message is at the stack top. */
static int script_failed(struct gl_engine *eng, int status, struct gl_err *err)
{
    lua_State *L = eng->L;
    size_t len = 0;
    const char *msg = lua_tostring(L, -1);
    const char *nl;
    int rc = GL_ESCRIPT;

    if (status == LUA_ERRMEM || eng->heap_refused) {
        /* LUA_ERRMEM skips the message handler: no traceback to give */
        msg = lua_pushfstring(L, "memory limit (%d MiB) exceeded",
                              (int)(eng->lim.max_memory >> 20));
        rc = GL_ELIMIT;
    } else if (eng->timed_out || eng->limit_hit) {
        rc = GL_ELIMIT;
    }
    msg = lua_tolstring(L, -1, &len); /* the memory message, if pushed */
    if (!msg) {
        msg = "(error object is not a string)";
        len = strlen(msg);
    }
    clean_message(&eng->msg, msg, len);
    msg = eng->msg.p;
    nl = strchr(msg, '\n');
    gl_err_set(err, rc, 0, "%.*s", nl ? (int)(nl - msg) : (int)strlen(msg),
               msg);
    return rc;
}

int gl_engine_run(struct gl_engine *eng, struct gl_doc *doc,
                  struct gl_store *st, struct gl_err *err)
{
    lua_State *L = eng->L;
    struct ldoc *ld;
    size_t i;
    int base = lua_gettop(L), rc = GL_OK;

    /* Every article starts from the same random sequence, so its output
     * does not depend on which articles ran before it. */
    lua_rawgetp(L, LUA_REGISTRYINDEX, &SEED_KEY);
    lua_pushinteger(L, 0);
    lua_call(L, 1, 0);
    lua_pushcfunction(L, msghandler);               /* [h] */
    ld = lgl_push_doc(L, doc, st);                   /* [h, doc] */

    /* budgets: from here on, the article's scripts pay for everything */
    eng->timed_out = eng->limit_hit = eng->heap_refused = 0;
    gl_explain_clear(&eng->ex);
    st->max = eng->lim.max_annotations;
    eng->heap_limit = eng->lim.max_memory;
    gl_budget_arm(eng->lim.timeout_ms);
#ifndef GLOSS_NO_BUDGET_HOOK
    /* -DGLOSS_NO_BUDGET_HOOK builds a variant without the count hook, only
     * to measure what the hook costs; never for real use */
    if (eng->lim.timeout_ms)
        lua_sethook(L, time_hook, LUA_MASKCOUNT, HOOK_EVERY);
#endif

    for (i = 0; i < eng->n && rc == GL_OK; i++) {
        int status;

        lua_rawgeti(L, LUA_REGISTRYINDEX, eng->scripts[i].ref);
        push_env(L);                                 /* [h, doc, fn, env] */
        if (!lua_setupvalue(L, -2, 1)) lua_pop(L, 1);
        lua_pushvalue(L, base + 2);                  /* [h, doc, fn, doc] */
        status = lua_pcall(L, 1, 0, base + 1);
        if (status != LUA_OK) rc = script_failed(eng, status, err);
        lua_settop(L, base + 2);
    }

    lua_sethook(L, NULL, 0, 0);
    gl_budget_disarm();
    eng->heap_limit = 0;
    if (eng->repl) { /* gloss repl: the prompt goes on with this doc */
        lua_pushvalue(L, base + 2);
        eng->repl_doc = luaL_ref(L, LUA_REGISTRYINDEX);
        eng->repl_ld = ld;
    } else {
        ld->doc = NULL; /* spans kept by scripts now raise "document is closed" */
        ld->st = NULL;
    }
    lua_settop(L, base);
    return rc;
}

char *gl_engine_default_root(void)
{
    const char *env = getenv("GLOSS_SCRIPTS");
    char exe[4096];
    ssize_t n;

    if (env && *env) return xstrdup(env);
    n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        char *dir, *cand;

        exe[n] = '\0';
        dir = dir_of(exe);
        /* build/gloss in a source tree: the scripts are at ../scripts */
        cand = path_join(dir, "../scripts/presets");
        if (is_dir(cand)) {
            free(cand);
            cand = path_join(dir, "../scripts");
            free(dir);
            return cand;
        }
        free(cand);
        /* PREFIX/bin/gloss installed: PREFIX/share/gloss/scripts, found
         * relative to the binary so DESTDIR staging and moved trees work */
        cand = path_join(dir, "../share/gloss/scripts/presets");
        if (is_dir(cand)) {
            free(cand);
            cand = path_join(dir, "../share/gloss/scripts");
            free(dir);
            return cand;
        }
        free(cand);
        free(dir);
    }
    return xstrdup(GLOSS_DATADIR "/scripts");
}

/* ---- --explain and gloss repl ---------------------------------------- */

void gl_engine_set_explain(struct gl_engine *eng, int on)
{
    eng->explain = on != 0;
}

const struct gl_explain *gl_engine_explain(const struct gl_engine *eng)
{
    return eng->explain ? &eng->ex : NULL;
}

struct gl_explain *lgl_engine_explain(struct gl_engine *eng)
{
    return eng && eng->explain ? &eng->ex : NULL;
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
    push_env(L);
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
    lua_pushcfunction(L, msghandler);                /* [h] */
    lua_pushcfunction(L, repl_call);                 /* [h, call] */
    status = repl_load(L, code, len);
    if (status == GL_REPL_MORE) {
        lua_settop(L, base);
        return GL_REPL_MORE;
    }
    if (status != LUA_OK) {
        s = lua_tolstring(L, -1, &n);
        clean_message(&eng->msg, s ? s : "syntax error", s ? n : 12);
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
        lua_sethook(L, time_hook, LUA_MASKCOUNT, HOOK_EVERY);
    status = lua_pcall(L, 1, 1, base + 1);
    lua_sethook(L, NULL, 0, 0);
    gl_budget_disarm();
    eng->heap_limit = 0;
    if (status != LUA_OK) {
        rc = script_failed(eng, status, err);
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

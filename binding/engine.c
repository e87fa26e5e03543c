/* engine.c - the script runner: one Lua state, scripts compiled once and
 * run in order over each article, the article's budgets (a counting
 * allocator, a count hook on the deadline), errors with tracebacks.
 * The environment scripts see is in sandbox.c, gloss repl in repl.c.
 * Binding layer (includes lua.h; the CLI sees engine.h). */
#include "engine_int.h"

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

/* Registry keys (their addresses are unique). */
static const char ENGINE_KEY = 0; /* light userdata -> struct gl_engine */
const char lgl_base_key = 0;        /* table of allowed globals */
static const char DIRS_KEY = 0;   /* chunk source -> folder of its file */
const char lgl_loaded_key = 0;      /* module file -> value of require */
static const char SEED_KEY = 0;   /* the real math.randomseed */

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
        gl_pool_realloc(&eng->pool, ptr, osize, 0);
        eng->heap_used -= osize;
        return NULL;
    }
    if (eng->heap_limit && nsize > osize &&
        eng->heap_used + (nsize - osize) > eng->heap_limit) {
        /* final, like a timeout: the main thread has no hook otherwise
         * (deadline.c), so one is set that raises at the next
         * instruction; coroutines see the flag at their next check */
        eng->heap_refused = 1;
        lua_sethook(eng->L, lgl_time_hook, LUA_MASKCOUNT, 1);
        return NULL;
    }
    p = gl_pool_realloc(&eng->pool, ptr, osize, nsize);
    if (!p) return NULL;
    eng->heap_used = eng->heap_used - osize + nsize;
    return p;
}

/* Count hook: past the deadline, raise in this thread and make every
 * further instruction of this thread and the main one raise too, so
 * neither pcall nor a coroutine can swallow the timeout. Going over the
 * heap cap is final in the same way: a script that catches "not enough
 * memory" and tries again would otherwise spin until its timeout. */
void lgl_time_hook(lua_State *L, lua_Debug *ar)
{
    struct gl_engine *eng;
    int timed_out;

    (void)ar;
    lua_getallocf(L, (void **)&eng); /* the allocator's ud is the engine */
    timed_out = eng->deadline_hit || gl_budget_expired();
    if (!timed_out && !eng->heap_refused) return;
    eng->timed_out |= timed_out;
    lua_sethook(L, lgl_time_hook, LUA_MASKCOUNT, 1);
    lua_sethook(eng->L, lgl_time_hook, LUA_MASKCOUNT, 1);
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

char *lgl_path_join(const char *dir, const char *name)
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

int lgl_is_file(const char *path)
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
 * relative paths. Text chunks only, but for the bundled scripts' own
 * bytecode under the conditions bytecode.c checks: bytecode can crash
 * the VM. */
int lgl_load_chunk(lua_State *L, const char *path, const char *source,
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
    rc = lgl_load_cached(L, path, source, chunkname, buf, len);
    if (rc != LUA_OK) rc = luaL_loadbufferx(L, buf, len, chunkname, "t");
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

/* ---- engine lifecycle ------------------------------------------------ */

struct gl_engine *gl_engine_new(const char *scripts_root)
{
    struct gl_engine *eng = xcalloc(1, sizeof *eng);
    lua_State *L;
#if defined(__SANITIZE_ADDRESS__)
    const int direct = 1; /* let ASan see each of Lua's blocks */
#else
    const int direct = 0;
#endif
    static const luaL_Reg libs[] = {
        {LUA_GNAME, luaopen_base},       {LUA_STRLIBNAME, luaopen_string},
        {LUA_TABLIBNAME, luaopen_table}, {LUA_MATHLIBNAME, luaopen_math},
        {LUA_UTF8LIBNAME, luaopen_utf8}, {LUA_COLIBNAME, luaopen_coroutine},
        {NULL, NULL}
    };
    const luaL_Reg *lib;

    gl_pool_init(&eng->pool, direct);
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
    lua_rawsetp(L, LUA_REGISTRYINDEX, &lgl_loaded_key);
    lgl_build_base(L);
    return eng;
}

void gl_engine_free(struct gl_engine *eng)
{
    size_t i;

    if (!eng) return;
    eng->heap_limit = 0; /* closing must never fail for want of memory */
    lgl_profile_free(eng);
    lua_close(eng->L);
    gl_pool_fini(&eng->pool);
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
    int rc = lgl_load_chunk(L, path, source, err);

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

    if (!lgl_valid_module_name(name) || strchr(name, '.')) {
        gl_err_set(err, GL_ENOTFOUND, 0, "invalid preset name '%s'", name);
        set_message(eng, err->msg);
        return GL_ENOTFOUND;
    }
    rel = xmalloc(strlen(name) + sizeof "presets/.lua");
    sprintf(rel, "presets/%s.lua", name);
    path = lgl_path_join(eng->root, rel);
    if (!lgl_is_file(path)) {
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
    if (!lgl_is_file(path)) {
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
int lgl_msghandler(lua_State *L)
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
void lgl_clean_message(struct gl_buf *out, const char *s, size_t len)
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
int lgl_script_failed(struct gl_engine *eng, int status, struct gl_err *err)
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
    lgl_clean_message(&eng->msg, msg, len);
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
    lua_pushcfunction(L, lgl_msghandler);               /* [h] */
    ld = lgl_push_doc(L, doc, st);                   /* [h, doc] */

    /* budgets: from here on, the article's scripts pay for everything */
    eng->timed_out = eng->limit_hit = eng->heap_refused = 0;
    eng->deadline_hit = 0;
    gl_explain_clear(&eng->ex);
    st->max = eng->lim.max_annotations;
    eng->heap_limit = eng->lim.max_memory;
    gl_budget_arm(eng->lim.timeout_ms);
    /* no hook while the scripts run: SIGALRM sets one at the deadline */
    lua_sethook(L, NULL, 0, 0);
    if (eng->lim.timeout_ms) lgl_deadline_arm(eng, eng->lim.timeout_ms);

    lgl_profile_arm(eng, 1);
    for (i = 0; i < eng->n && rc == GL_OK; i++) {
        int status;

        lua_rawgeti(L, LUA_REGISTRYINDEX, eng->scripts[i].ref);
        lgl_push_env(L);                                 /* [h, doc, fn, env] */
        if (!lua_setupvalue(L, -2, 1)) lua_pop(L, 1);
        lua_pushvalue(L, base + 2);                  /* [h, doc, fn, doc] */
        status = lua_pcall(L, 1, 0, base + 1);
        if (status != LUA_OK) rc = lgl_script_failed(eng, status, err);
        lua_settop(L, base + 2);
    }

    lgl_profile_arm(eng, 0);
    if (eng->lim.timeout_ms) lgl_deadline_disarm();
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

    if (env && *env) return xstrdup(env);
    return lgl_builtin_root(NULL);
}

/* Each root has its bytecode cache (tools/luacache.c) beside it, but
 * for a build tree, where it is build output: BUILD/scripts.luac. */
char *lgl_builtin_root(char **cache)
{
    char exe[4096];
    ssize_t n;

    n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        char *dir, *cand;

        exe[n] = '\0';
        dir = dir_of(exe);
        /* build/gloss in a source tree: the scripts are at ../scripts */
        cand = lgl_path_join(dir, "../scripts/presets");
        if (is_dir(cand)) {
            free(cand);
            cand = lgl_path_join(dir, "../scripts");
            if (cache) *cache = lgl_path_join(dir, "scripts.luac");
            free(dir);
            return cand;
        }
        free(cand);
        /* PREFIX/bin/gloss installed: PREFIX/share/gloss/scripts, found
         * relative to the binary so DESTDIR staging and moved trees work */
        cand = lgl_path_join(dir, "../share/gloss/scripts/presets");
        if (is_dir(cand)) {
            free(cand);
            cand = lgl_path_join(dir, "../share/gloss/scripts");
            if (cache) *cache = lgl_path_join(dir, "../share/gloss/scripts.luac");
            free(dir);
            return cand;
        }
        free(cand);
        free(dir);
    }
    if (cache) *cache = xstrdup(GLOSS_DATADIR "/scripts.luac");
    return xstrdup(GLOSS_DATADIR "/scripts");
}

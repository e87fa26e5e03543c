/* engine_int.h - what the script runner's files share: engine.c (the
 * Lua state, budgets, loading and running scripts), sandbox.c (the
 * environment scripts see) and repl.c (gloss repl and --explain). Binding
 * layer, internal: the CLI sees engine.h only. */
#ifndef GLOSS_ENGINE_INT_H
#define GLOSS_ENGINE_INT_H

#include <lauxlib.h>
#include <signal.h>
#include <lua.h>

#include "engine.h"
#include "explain.h"
#include "lgloss.h"
#include "smallpool.h"
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
    struct gl_pool pool; /* where the Lua state's blocks come from */
    size_t heap_used;   /* bytes the Lua state holds */
    size_t heap_limit;  /* enforced by lua_alloc; 0 while setting up */
    int heap_refused;   /* an allocation was refused during this run */
    int timed_out;      /* the count hook found the deadline passed */
    volatile sig_atomic_t deadline_hit; /* SIGALRM came (deadline.c) */
    int limit_hit;      /* another budget ran out (regex, annotations) */
    int explain;        /* --explain: record into ex (lexplain.c) */
    struct gl_explain ex;
    int repl;           /* gl_engine_run keeps the doc open (gloss repl) */
    struct ldoc *repl_ld;
    int repl_doc, repl_env; /* registry refs while the REPL is open */
    struct gl_profile *prof; /* --profile: samples by line (profile.c) */
    const void *mt[LGL_NTYPES]; /* metatables of gloss's types (ludata.c) */
    int mtref[LGL_NTYPES];      /* ... and their registry refs */
};

/* How often (in VM instructions) the count hook reads the clock, on the
 * threads that have it (coroutines, gloss repl). */
#define HOOK_EVERY 1000

/* Registry keys (their addresses are unique). */
extern const char lgl_base_key;   /* table of allowed globals */
extern const char lgl_loaded_key; /* module file -> value of require */

/* engine.c */
char *lgl_path_join(const char *dir, const char *name);
int lgl_is_file(const char *path);
/* Compile file `path` as chunk `source` and push it (text, or the
 * build's bytecode of a bundled script: see bytecode.c). */
int lgl_load_chunk(lua_State *L, const char *path, const char *source,
                   struct gl_err *err);
/* The scripts root found from the executable alone (GLOSS_SCRIPTS
 * aside) and, in *cache when not NULL, its bytecode cache file; both
 * malloc'd. */
char *lgl_builtin_root(char **cache);
/* Message handler: the error text plus a traceback. */
int lgl_msghandler(lua_State *L);
/* A message made safe for a terminal and cut to a sane length. */
void lgl_clean_message(struct gl_buf *out, const char *s, size_t len);
/* Classify and record a failed pcall (message on the stack top). */
int lgl_script_failed(struct gl_engine *eng, int status, struct gl_err *err);
/* The count hook of the time budget. */
void lgl_time_hook(lua_State *L, lua_Debug *ar);

/* deadline.c: SIGALRM at the deadline; the hook a thread runs with
 * between samples and deadlines. */
void lgl_deadline_arm(struct gl_engine *eng, unsigned long ms);
void lgl_deadline_disarm(void);
void lgl_restore_hook(struct gl_engine *eng, lua_State *L);

/* profile.c: the sampling timer on or off around an article's scripts;
 * freeing the samples. */
void lgl_profile_arm(struct gl_engine *eng, int on);
void lgl_profile_free(struct gl_engine *eng);

/* bytecode.c: push the build's bytecode of chunk `source` read from
 * `path` (its text is buf[0, len)) and return LUA_OK; -1 when the cache
 * cannot serve it and the caller must compile the text. */
int lgl_load_cached(lua_State *L, const char *path, const char *source,
                    const char *chunkname, const char *buf, size_t len);

/* sandbox.c */
/* Build the table of allowed globals (once, at engine creation). */
void lgl_build_base(lua_State *L);
/* Push a fresh environment for one script run. */
void lgl_push_env(lua_State *L);
/* Module names are dotted identifiers: no "..", no absolute paths. */
int lgl_valid_module_name(const char *s);

#endif

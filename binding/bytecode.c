/* bytecode.c - the bundled scripts loaded from the bytecode cache made at
 * build time (build/scripts.luac, or PREFIX/share/gloss/scripts.luac)
 * instead of compiled from their text. Binding layer.
 *
 * Lua does not verify bytecode: a malformed or crafted chunk can crash the
 * VM or worse. So the cache is only ever the file beside this executable,
 * used only for the scripts root found from the executable (never one set
 * by GLOSS_SCRIPTS or --scripts), only when its whole-file hash holds and
 * it was made for this very Lua library (version, sizes, a probe chunk
 * dumped byte for byte the same), and a chunk only when the source just
 * read has the length and hash recorded for it. Anything else falls back
 * to compiling the text, silently: the output is the same either way. */
#include "engine_int.h"

#include <stdlib.h>
#include <string.h>

#include "bcfile.h"

/* One per process: the executable and its cache do not change. */
static struct {
    int state;  /* 0 not opened yet, 1 usable, -1 absent or refused */
    char *root; /* the scripts root found from the executable */
    char *file; /* its cache */
    char *data;
    struct lgl_bc_file f;
} cache;

static int open_cache(lua_State *L)
{
    size_t len;

    cache.state = -1;
    cache.data = gl_read_file(cache.file, &len);
    if (!cache.data) return 0;
    if (lgl_bc_parse(&cache.f, cache.data, len) != 0 ||
        !lgl_bc_compatible(&cache.f, L)) {
        lgl_bc_free(&cache.f);
        free(cache.data);
        cache.data = NULL;
        return 0;
    }
    cache.state = 1;
    return 1;
}

/* Is `path` the file `source` names under `root`, as the loaders build
 * it (lgl_path_join)? */
static int under_root(const char *path, const char *root, const char *source)
{
    size_t rl = strlen(root);

    if (!rl || strncmp(path, root, rl) != 0) return 0;
    path += rl;
    if (root[rl - 1] != '/' && *path++ != '/') return 0;
    return source[0] != '/' && strcmp(path, source) == 0;
}

int lgl_load_cached(lua_State *L, const char *path, const char *source,
                    const char *chunkname, const char *buf, size_t len)
{
    struct gl_engine *eng = lgl_engine(L);
    const struct lgl_bc_entry *e;

    if (cache.state < 0) return -1;
    if (!cache.root) cache.root = lgl_builtin_root(&cache.file);
    if (!eng || strcmp(eng->root, cache.root) != 0 ||
        !under_root(path, cache.root, source))
        return -1;
    if (cache.state == 0 && !open_cache(L)) return -1;
    e = lgl_bc_find(&cache.f, source);
    if (!e || e->srclen != len || e->srchash != lgl_bc_hash(buf, len))
        return -1;
    /* the name functions carry is the one stored in the dump, which the
     * build tool gave exactly as lgl_load_chunk does ("@lib/x.lua") */
    if (luaL_loadbufferx(L, e->code, e->codelen, chunkname, "b") != LUA_OK) {
        lua_pop(L, 1);
        return -1;
    }
    return LUA_OK;
}

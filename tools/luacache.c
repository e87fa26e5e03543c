/* luacache.c - build tool: compile the bundled scripts (every *.lua under
 * ROOT/presets and ROOT/lib) into one bytecode cache file (format in
 * binding/bcfile.h), written atomically (cli/atomic.c). Build time only;
 * links liblua.
 *
 * usage: luacache OUT ROOT [CODEROOT]
 * CODEROOT, for tests only: compile each file from the same path under
 * CODEROOT while recording ROOT's length and hash, so a test can see that
 * gloss ran the cached code and not the text. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <lauxlib.h>
#include <lua.h>
#include <lualib.h>

#include "atomic.h"
#include "bcfile.h"
#include "util.h"

struct list {
    char **p;
    size_t n, cap;
};

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* Every *.lua under root/rel, as paths relative to root. */
static void walk(const char *root, const char *rel, struct list *out)
{
    struct gl_buf dir = {0};
    DIR *d;
    struct dirent *de;

    gl_buf_printf(&dir, "%s/%s", root, rel);
    d = opendir(dir.p);
    if (!d) {
        gl_buf_free(&dir);
        return;
    }
    while ((de = readdir(d))) {
        struct gl_buf sub = {0}, full = {0};
        struct stat st;
        int got;

        if (de->d_name[0] == '.') continue;
        gl_buf_printf(&sub, "%s/%s", rel, de->d_name);
        gl_buf_printf(&full, "%s/%s", root, sub.p);
        got = stat(full.p, &st) == 0;
        if (got && S_ISDIR(st.st_mode)) {
            walk(root, sub.p, out);
            gl_buf_free(&sub);
        } else if (got && S_ISREG(st.st_mode) &&
                   ends_with(de->d_name, ".lua")) {
            GL_GROW(out->p, out->cap, out->n + 1);
            out->p[out->n++] = sub.p;
        } else {
            gl_buf_free(&sub);
        }
        gl_buf_free(&full);
    }
    closedir(d);
    gl_buf_free(&dir);
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static char *join(const char *dir, const char *rel)
{
    struct gl_buf b = {0};
    gl_buf_printf(&b, "%s/%s", dir, rel);
    return b.p;
}

int main(int argc, char **argv)
{
    const char *out, *root, *coderoot;
    struct list files = {0};
    struct lgl_bc_entry *ents;
    struct gl_buf *codes, probe = {0}, file = {0};
    size_t i, n = 0;
    lua_State *L;
    char why[512];
    int ok;

    if (argc < 3 || argc > 4) {
        fputs("usage: luacache OUT ROOT [CODEROOT]\n", stderr);
        return 2;
    }
    out = argv[1];
    root = argv[2];
    coderoot = argc > 3 ? argv[3] : root;
    walk(root, "presets", &files);
    walk(root, "lib", &files);
    if (files.n) qsort(files.p, files.n, sizeof *files.p, by_name);
    L = luaL_newstate();
    if (!L || lgl_bc_probe(L, &probe) != 0) {
        fputs("luacache: cannot start Lua\n", stderr);
        return 1;
    }
    ents = xcalloc(files.n ? files.n : 1, sizeof *ents);
    codes = xcalloc(files.n ? files.n : 1, sizeof *codes);
    for (i = 0; i < files.n; i++) {
        char *src_path = join(root, files.p[i]);
        char *code_path = join(coderoot, files.p[i]);
        size_t len, clen;
        char *src = gl_read_file(src_path, &len);
        char *code = gl_read_file(code_path, &clen);
        struct gl_buf name = {0};

        gl_buf_printf(&name, "@%s", files.p[i]);
        if (!src || !code) {
            fprintf(stderr, "luacache: %s: %s\n", src ? code_path : src_path,
                    strerror(errno));
        } else if (luaL_loadbufferx(L, code, clen, name.p, "t") != LUA_OK) {
            /* left out: gloss compiles the text and reports the error */
            fprintf(stderr, "luacache: skipped %s\n", lua_tostring(L, -1));
            lua_pop(L, 1);
        } else {
            lgl_bc_dump(L, &codes[n]);
            lua_pop(L, 1);
            ents[n].path = files.p[i];
            ents[n].srclen = len;
            ents[n].srchash = lgl_bc_hash(src, len);
            ents[n].code = codes[n].p;
            ents[n].codelen = codes[n].len;
            n++;
        }
        gl_buf_free(&name);
        free(src);
        free(code);
        free(src_path);
        free(code_path);
    }
    lgl_bc_write(&file, probe.p, probe.len, ents, n);
    ok = gl_write_atomic(out, file.p, file.len, why, sizeof why) == 0;
    if (!ok) fprintf(stderr, "luacache: cannot write %s\n", why);
    lua_close(L);
    for (i = 0; i < n; i++) gl_buf_free(&codes[i]);
    for (i = 0; i < files.n; i++) free(files.p[i]);
    free(files.p);
    free(codes);
    free(ents);
    gl_buf_free(&probe);
    gl_buf_free(&file);
    return ok ? 0 : 1;
}

/* bcfile.h - the bytecode cache of the bundled scripts: one file holding
 * every presets/ and lib/ chunk compiled at build time (tools/luacache.c),
 * read by the script loader (bytecode.c). Binding layer, internal.
 *
 * Layout, integers little-endian:
 *   "GLOSSLBC" u32 format-version u32 LUA_VERSION_NUM
 *   u32 n + LUA_RELEASE   u8[4] sizeof int, size_t, lua_Integer, lua_Number
 *   u32 n + dump of a probe chunk (compared with the run-time library's)
 *   u32 count, then per entry: u32 n + root-relative path, u64 source
 *   length, u64 source hash, u64 n + bytecode (lua_dump, debug info kept)
 *   u64 hash of every byte before it. */
#ifndef GLOSS_BCFILE_H
#define GLOSS_BCFILE_H

#include <stddef.h>
#include <stdint.h>

#include <lua.h>

#include "util.h"

#define LGL_BC_VERSION 1u

struct lgl_bc_entry {
    const char *path; /* "lib/tokens.lua"; NUL-terminated */
    uint64_t srclen, srchash;
    const char *code;
    size_t codelen;
};

struct lgl_bc_file {
    uint32_t luanum;
    const char *release, *probe; /* borrowed from the data parsed */
    size_t releaselen, probelen;
    unsigned char sizes[4];
    struct lgl_bc_entry *ents;
    size_t n;
};

/* FNV-1a over 64-bit little-endian words, then the tail bytes. */
uint64_t lgl_bc_hash(const void *p, size_t n);

/* Append the dump of the function on top of L's stack, debug info kept
 * (line numbers in errors and rule fields stay as from the text). 0, or
 * -1 when lua_dump fails. */
int lgl_bc_dump(lua_State *L, struct gl_buf *out);

/* The probe chunk of this Lua library, dumped with debug info. 0 on
 * success; -1 when it does not compile or dump (out of memory). */
int lgl_bc_probe(lua_State *L, struct gl_buf *out);

/* Append a whole cache file: this build's header, `probe`, the entries
 * (their srclen and srchash as given), the trailing hash. */
void lgl_bc_write(struct gl_buf *out, const char *probe, size_t probelen,
                  const struct lgl_bc_entry *ents, size_t n);

/* Check the whole-file hash and every length against the data; fill f
 * (pointing into data, which must outlive it). 0, or -1 when the data is
 * not a complete cache file of this format version. */
int lgl_bc_parse(struct lgl_bc_file *f, const char *data, size_t len);
void lgl_bc_free(struct lgl_bc_file *f);

/* 1 when the file was made for the Lua library L runs on: same version
 * number, release, type sizes and probe dump byte for byte. */
int lgl_bc_compatible(const struct lgl_bc_file *f, lua_State *L);

/* The entry of a root-relative path, or NULL. */
const struct lgl_bc_entry *lgl_bc_find(const struct lgl_bc_file *f,
                                       const char *path);

#endif

/* lvalue.c - attribute values and names between Lua and the annotation
 * store: checking them at the script's line, converting both ways, and
 * the rule field (the calling script's "source:line"). Binding layer.
 *
 * Attribute values are strings, numbers, booleans or lists of those. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lgloss.h"
#include "utf8.h"
#include "util.h"

#define MAX_LIST 10000
/* attribute pairs doc:tag keeps on the stack between checking them and
 * storing them, so that a usual table is walked once */
#define KEEP_MAX 16

/* ---- what doc:tag remembers per Document ------------------------------
 * Scripts tag with the same few type names, keys and values over and
 * over, from the same few functions; checking each string byte by byte
 * and asking the debug interface for the script name on every call was
 * most of doc:tag's cost. Both caches are keyed by address, and what
 * they hold is anchored in the Document's user value 2, so an address
 * cannot be freed and reused by another object while it is cached. */

static size_t slot_of(const void *p, size_t n)
{
    uintptr_t u = (uintptr_t)p;

    return (size_t)((u >> 4) ^ (u >> 11)) & (n - 1);
}

/* Anchor the value at idx in slot k of the anchor table of the Document
 * at stack index 1 (doc:tag's self). */
static void anchor(lua_State *L, int k, int idx)
{
    idx = lua_absindex(L, idx);
    if (lua_getiuservalue(L, 1, 2) != LUA_TTABLE) {
        lua_pop(L, 1);
        lua_createtable(L, LDOC_NOK + LDOC_NRULE, 0);
        lua_pushvalue(L, -1);
        lua_setiuservalue(L, 1, 2);
    }
    lua_pushvalue(L, idx);
    lua_rawseti(L, -2, k);
    lua_pop(L, 1);
}

/* s, the string at idx, was seen to be non-empty, NUL-free UTF-8 */
static int known_ok(const struct ldoc *d, const char *s)
{
    return d && d->ok[slot_of(s, LDOC_NOK)] == s;
}

static void remember_ok(lua_State *L, struct ldoc *d, int idx, const char *s)
{
    size_t k = slot_of(s, LDOC_NOK);

    anchor(L, (int)k + 1, idx);
    d->ok[k] = s;
}

/* Type names, link roles and attribute keys: non-empty and free of NUL
 * bytes (they become YAML keys and interned C strings). d: the caller's
 * Document at stack index 1, to remember good names in; or NULL. */
const char *lgl_check_name(lua_State *L, int arg, const char *what,
                           size_t *len, struct ldoc *d)
{
    size_t n, bad;
    const char *s = luaL_checklstring(L, arg, &n);

    *len = n;
    if (known_ok(d, s)) return s;
    if (n == 0) luaL_argerror(L, arg, lua_pushfstring(L, "empty %s", what));
    if (strlen(s) != n)
        luaL_argerror(L, arg, lua_pushfstring(L, "%s contains a NUL byte", what));
    if (!gl_utf8_valid(s, n, &bad))
        luaL_argerror(L, arg, lua_pushfstring(L, "%s is not valid UTF-8 "
                                              "(byte offset %d)", what, (int)bad));
    if (d) remember_ok(L, d, arg, s);
    return s;
}

/* Check that the value at idx can be stored as an attribute value (d as
 * for check_name). */
void lgl_check_value(lua_State *L, int idx, const char *key, int depth,
                     struct ldoc *d)
{
    switch (lua_type(L, idx)) {
    case LUA_TSTRING: {
        /* refused here, at the script's line, not when the YAML is written */
        size_t n, bad;
        const char *str = lua_tolstring(L, idx, &n);

        if (known_ok(d, str)) return;
        if (!gl_utf8_valid(str, n, &bad))
            luaL_error(L, "attribute '%s': not valid UTF-8 (byte offset %d)",
                       key, (int)bad);
        /* short ones only (kind = "person", not name = "..."): those
         * repeat; anchoring one that never comes back costs more than
         * checking it. And only what would pass as a name too, so that
         * the cache holds one kind of entry. */
        if (d && n > 0 && n <= 16 && strlen(str) == n)
            remember_ok(L, d, idx, str);
        return;
    }
    case LUA_TNIL:
        if (depth > 0)
            luaL_error(L, "attribute '%s': a list must be a sequence "
                       "(no keys, no holes)", key);
        luaL_error(L, "attribute '%s': nil cannot be stored", key);
        return;
    case LUA_TBOOLEAN:
        return;
    case LUA_TNUMBER:
        /* YAML output refuses them; fail here, at the script's line,
         * rather than when the article is written */
        if (!lua_isinteger(L, idx) && !isfinite((double)lua_tonumber(L, idx)))
            luaL_error(L, "attribute '%s': %s is not a finite number", key,
                       lua_tostring(L, idx));
        return;
    case LUA_TTABLE: {
        lua_Integer i, n = (lua_Integer)lua_rawlen(L, idx);

        if (depth > 0)
            luaL_error(L, "attribute '%s': lists cannot contain tables", key);
        if (n > MAX_LIST)
            luaL_error(L, "attribute '%s': list longer than %d", key, MAX_LIST);
        for (i = 1; i <= n; i++) {
            lua_rawgeti(L, idx, i);
            lgl_check_value(L, lua_gettop(L), key, depth + 1, d);
            lua_pop(L, 1);
        }
        lua_pushnil(L); /* only a sequence: no other keys */
        while (lua_next(L, idx)) {
            lua_pop(L, 1);
            if (!lua_isinteger(L, -1) || lua_tointeger(L, -1) < 1 ||
                lua_tointeger(L, -1) > n)
                luaL_error(L, "attribute '%s': a list must be a sequence "
                           "(no keys, no holes)", key);
        }
        return;
    }
    default:
        luaL_error(L, "attribute '%s': %s values cannot be stored (use a "
                   "string, number, boolean or list)", key, luaL_typename(L, idx));
    }
}

/* Convert an already checked value; raises nothing. */
void lgl_to_value(lua_State *L, int idx, struct gl_value *v)
{
    size_t len;
    const char *s;

    switch (lua_type(L, idx)) {
    case LUA_TBOOLEAN:
        v->t = GL_V_BOOL;
        v->u.b = lua_toboolean(L, idx);
        break;
    case LUA_TNUMBER:
        if (lua_isinteger(L, idx)) {
            v->t = GL_V_INT;
            v->u.i = (int64_t)lua_tointeger(L, idx);
        } else {
            v->t = GL_V_NUM;
            v->u.n = (double)lua_tonumber(L, idx);
        }
        break;
    case LUA_TSTRING:
        s = lua_tolstring(L, idx, &len);
        v->t = GL_V_STR;
        v->u.s.p = xmemdup(s, len);
        v->u.s.len = len;
        break;
    default: { /* a checked list */
        size_t i, n = lua_rawlen(L, idx);

        v->t = GL_V_LIST;
        v->u.list.n = n;
        v->u.list.v = xcalloc(n ? n : 1, sizeof *v->u.list.v);
        for (i = 0; i < n; i++) {
            lua_rawgeti(L, idx, (lua_Integer)i + 1);
            lgl_to_value(L, lua_gettop(L), &v->u.list.v[i]);
            lua_pop(L, 1);
        }
    }
    }
}

void lgl_push_value(lua_State *L, const struct gl_value *v)
{
    size_t i;

    switch (v->t) {
    case GL_V_BOOL: lua_pushboolean(L, v->u.b); break;
    case GL_V_INT: lua_pushinteger(L, (lua_Integer)v->u.i); break;
    case GL_V_NUM: lua_pushnumber(L, (lua_Number)v->u.n); break;
    case GL_V_STR: lua_pushlstring(L, v->u.s.p, v->u.s.len); break;
    case GL_V_LIST:
        lua_createtable(L, (int)v->u.list.n, 0);
        for (i = 0; i < v->u.list.n; i++) {
            lgl_push_value(L, &v->u.list.v[i]);
            lua_rawseti(L, -2, (lua_Integer)i + 1);
        }
        break;
    default: lua_pushnil(L);
    }
}

/* Check the attribute table at idx: string keys, storable values. The
 * first KEEP_MAX pairs are left on the stack (key, value, key, ...) for
 * store_attrs; returns how many, or -1 when the table has more (or the
 * stack no room), and store_attrs then walks the table again. */
int lgl_check_attrs(lua_State *L, int idx, struct ldoc *d)
{
    int kept = lua_checkstack(L, 2 * KEEP_MAX + 8) ? 0 : -1;

    lua_pushnil(L);
    while (lua_next(L, idx)) {
        size_t klen;
        const char *k = lua_type(L, -2) == LUA_TSTRING
                            ? lua_tolstring(L, -2, &klen) : NULL;

        if (!k) goto bad_key;
        if (!known_ok(d, k)) {
            if (klen == 0 || strlen(k) != klen || !gl_utf8_valid(k, klen, NULL))
                goto bad_key;
            if (d) remember_ok(L, d, -2, k);
        }
        lgl_check_value(L, lua_gettop(L), k, 0, d);
        if (kept >= 0 && kept < KEEP_MAX) {
            lua_pushvalue(L, -2);   /* the pair stays; a copy of the key
                                     * goes on to lua_next */
            kept++;
        } else {
            lua_pop(L, 1);
            kept = -1;
        }
    }
    return kept;
bad_key:
    return luaL_error(L, "attribute names must be non-empty UTF-8 strings "
                      "without NUL bytes");
}

/* Store the attributes: the `kept` pairs from stack index base on, or
 * (kept < 0) the whole table at idx. */
void lgl_store_attrs(lua_State *L, struct gl_store *st, uint32_t id,
                     int idx, int base, int kept)
{
    struct gl_value v;
    size_t klen;
    const char *k;

    if (kept >= 0) {
        for (int i = 0; i < kept; i++) {
            k = lua_tolstring(L, base + 2 * i, &klen);
            lgl_to_value(L, base + 2 * i + 1, &v);
            gl_store_set_attr(st, id, k, klen, &v);
        }
        return;
    }
    lua_pushnil(L);
    while (lua_next(L, idx)) {
        k = lua_tolstring(L, -2, &klen);
        lgl_to_value(L, lua_gettop(L), &v);
        gl_store_set_attr(st, id, k, klen, &v);
        lua_pop(L, 1);
    }
}

/* The innermost Lua frame calling us: "source:line" for the rule field.
 * The line is asked of the debug interface every time; the source name
 * (what "S" costs) only once per calling function and Document. */
const char *lgl_caller_rule(lua_State *L, struct ldoc *d,
                            unsigned long *line)
{
    lua_Debug ar;
    int level;

    for (level = 1; lua_getstack(L, level, &ar); level++) {
        const void *fn;
        size_t k;

        if (!lua_getinfo(L, "fl", &ar)) break;          /* [.., fn] */
        if (lua_iscfunction(L, -1)) {
            lua_pop(L, 1);
            continue;
        }
        *line = ar.currentline > 0 ? (unsigned long)ar.currentline : 0;
        fn = lua_topointer(L, -1);
        k = slot_of(fn, LDOC_NRULE);
        if (d->rulefn[k] != fn) {
            lua_getinfo(L, "S", &ar);
            /* the source string belongs to the function's prototype,
             * which the anchored function keeps alive */
            anchor(L, 1 + LDOC_NOK + (int)k, -1);
            d->rulefn[k] = fn;
            d->rulesrc[k] = ar.source[0] == '@' || ar.source[0] == '='
                                ? ar.source + 1 : "(string)";
        }
        lua_pop(L, 1);
        return d->rulesrc[k];
    }
    *line = 0;
    return "(unknown)";
}

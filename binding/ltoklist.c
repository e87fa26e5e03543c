/* ltoklist.c - span:token_list() and span:token_columns(): the tokens of
 * a span as plain Lua tables, built in one C call. Binding layer.
 *
 * A script that reads every token of a sentence pays, per token, for a
 * Span userdata and three or four method calls when it iterates
 * span:tokens(); this builds the same facts as a list of records, which
 * is what such scripts turned the tokens into anyway. */
#include <string.h>

#include "lgloss.h"

/* the class names, as span:class() gives them */
static const char *const classes[] = {"?", "word", "number", "punct",
                                      "quote", "symbol"};

/* ASCII letters lowered, everything else kept: what string.lower does
 * in the C locale gloss runs in, so either gives the same key. */
static void push_lower(lua_State *L, const char *s, size_t n)
{
    char small[64];
    luaL_Buffer b;
    char *p = n <= sizeof small ? small : luaL_buffinitsize(L, &b, n);

    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        p[i] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    if (p == small) lua_pushlstring(L, small, n);
    else luaL_pushresultsize(&b, n);
}

/* Keys and class names as Lua strings, made once per state and kept in
 * the registry: lua_setfield and lua_pushstring would intern each C
 * string again per token (a strcmp against Lua's string cache each). */
static const char NAMES_KEY = 0;
static const char *const keys[] = {"s", "e", "text", "lower", "class", "cap"};
enum { NKEYS = 6, NCLASSES = 6 };

static int push_names(lua_State *L)
{
    int base;

    if (lua_rawgetp(L, LUA_REGISTRYINDEX, &NAMES_KEY) != LUA_TTABLE) {
        lua_pop(L, 1);
        lua_createtable(L, NKEYS + NCLASSES, 0);
        for (int i = 0; i < NKEYS; i++) {
            lua_pushstring(L, keys[i]);
            lua_rawseti(L, -2, i + 1);
        }
        for (int i = 0; i < NCLASSES; i++) {
            lua_pushstring(L, classes[i]);
            lua_rawseti(L, -2, NKEYS + i + 1);
        }
        lua_pushvalue(L, -1);
        lua_rawsetp(L, LUA_REGISTRYINDEX, &NAMES_KEY);
    }
    base = lua_gettop(L) + 1;
    for (int i = 1; i <= NKEYS + NCLASSES; i++) lua_rawgeti(L, base - 1, i);
    return base; /* keys at base.., classes at base + NKEYS.. */
}

static int has_upper(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] >= 'A' && s[i] <= 'Z') return 1;
    return 0;
}

/* The tokens lying wholly inside the span, as sp:tokens() gives them:
 * indexes [*a, *b) (tokens are sorted and do not overlap, so they are a
 * run: only the last candidate can reach past the span's end). */
static void inside(const struct gl_doc *doc, const struct lspan *sp,
                   size_t *a, size_t *b)
{
    *a = gl_doc_token_from(doc, sp->start);
    *b = gl_doc_token_from(doc, sp->end);
    if (*b > doc->ntokens) *b = doc->ntokens;
    if (*b > *a && doc->tokens[*b - 1].end > sp->end) (*b)--;
    if (*b < *a) *b = *a;
}

/* sp:token_list() -> { {s=, e=, text=, lower=, class=, cap=}, ... } for
 * the tokens lying wholly inside the span (as sp:tokens()). */
int lgl_span_token_list(lua_State *L)
{
    struct ldoc *d;
    struct lspan *sp = lgl_check_span(L, 1, &d);
    const struct gl_doc *doc = d->doc;
    size_t a, b;
    lua_Integer n = 0;
    int k;

    inside(doc, sp, &a, &b);
    luaL_checkstack(L, NKEYS + NCLASSES + 8, NULL);
    k = push_names(L);
    lua_createtable(L, (int)(b - a), 0);
    for (size_t i = a; i < b; i++) {
        const struct gl_token *t = &doc->tokens[i];
        const char *text = doc->bytes + t->start;
        size_t len = t->end - t->start;

        lua_createtable(L, 0, NKEYS);
        lua_pushvalue(L, k);
        lua_pushinteger(L, t->start);
        lua_rawset(L, -3);
        lua_pushvalue(L, k + 1);
        lua_pushinteger(L, t->end);
        lua_rawset(L, -3);
        lua_pushvalue(L, k + 2);
        lua_pushlstring(L, text, len);
        lua_pushvalue(L, k + 3);
        if (has_upper(text, len)) push_lower(L, text, len);
        else lua_pushvalue(L, -2); /* most tokens: the same string */
        lua_rawset(L, -5);
        lua_rawset(L, -3);
        lua_pushvalue(L, k + 4);
        lua_pushvalue(L, k + NKEYS + t->kind % NCLASSES);
        lua_rawset(L, -3);
        lua_pushvalue(L, k + 5);
        lua_pushboolean(L, (t->flags & GL_TOKF_UPPER_INITIAL) != 0);
        lua_rawset(L, -3);
        lua_rawseti(L, -2, ++n);
    }
    return 1;
}

/* sp:token_columns() -> { n = count, s = {...}, e = {...}, text = {...},
 * lower = {...}, class = {...}, cap = {...} }: the same facts as
 * token_list, one array per field. Six tables per call instead of one
 * per token: for a script that reads tokens by position, the cheapest
 * form (a record costs a table and six hash inserts, and then the
 * collector's time). */
int lgl_span_token_columns(lua_State *L)
{
    struct ldoc *d;
    struct lspan *sp = lgl_check_span(L, 1, &d);
    const struct gl_doc *doc = d->doc;
    size_t a, b;
    lua_Integer n = 0;
    int k, out, col;

    inside(doc, sp, &a, &b);
    luaL_checkstack(L, NKEYS + NCLASSES + 16, NULL);
    k = push_names(L);
    lua_createtable(L, 0, NKEYS + 1);
    out = lua_gettop(L);
    for (int f = 0; f < NKEYS; f++) lua_createtable(L, (int)(b - a), 0);
    col = out + 1; /* the columns, in the order of keys[] */
    for (size_t i = a; i < b; i++) {
        const struct gl_token *t = &doc->tokens[i];
        const char *text = doc->bytes + t->start;
        size_t len = t->end - t->start;

        n++;
        lua_pushinteger(L, t->start);
        lua_rawseti(L, col, n);
        lua_pushinteger(L, t->end);
        lua_rawseti(L, col + 1, n);
        lua_pushlstring(L, text, len);
        if (has_upper(text, len)) push_lower(L, text, len);
        else lua_pushvalue(L, -1);
        lua_rawseti(L, col + 3, n);
        lua_rawseti(L, col + 2, n);
        lua_pushvalue(L, k + NKEYS + t->kind % NCLASSES);
        lua_rawseti(L, col + 4, n);
        lua_pushboolean(L, (t->flags & GL_TOKF_UPPER_INITIAL) != 0);
        lua_rawseti(L, col + 5, n);
    }
    for (int f = NKEYS - 1; f >= 0; f--) {    /* out[keys[f]] = column f */
        lua_pushvalue(L, k + f);
        lua_insert(L, -2);
        lua_rawset(L, out);
    }
    lua_pushliteral(L, "n");
    lua_pushinteger(L, n);
    lua_rawset(L, out);
    return 1;
}

/* lexplain.c - `gloss run --explain` on the Lua side: the origin of spans
 * made by regex and lexicon matches, the why of doc:tag (its 4th
 * argument) and doc:near_miss. Binding layer. With explain off every
 * entry point returns after one lookup, so scripts pay nothing for it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine_int.h"
#include "explain.h"
#include "lgloss.h"
#include "util.h"

/* The engine is the state's allocator context: no registry lookup on
 * every tag and match. */
struct gl_explain *lgl_explain(lua_State *L)
{
    struct gl_engine *eng;

    lua_getallocf(L, (void **)&eng);
    return eng && eng->explain ? &eng->ex : NULL;
}

int lgl_explain_on(lua_State *L) { return lgl_explain(L) != NULL; }

/* "script:line" of the innermost Lua frame (the call that matched). */
static void caller_at(lua_State *L, char *buf, size_t size)
{
    lua_Debug ar;

    for (int level = 1; lua_getstack(L, level, &ar); level++) {
        const char *src;

        if (!lua_getinfo(L, "Sl", &ar)) break;
        if (ar.what[0] == 'C') continue;
        src = ar.source[0] == '@' || ar.source[0] == '=' ? ar.source + 1
                                                         : "(string)";
        if (ar.currentline > 0)
            snprintf(buf, size, "%s:%d", src, ar.currentline);
        else
            snprintf(buf, size, "%s", src);
        return;
    }
    snprintf(buf, size, "(unknown)");
}

static int same(const char *a, const char *b)
{
    return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

/* Index (1-based) of an origin equal to o, appended unless it repeats the
 * last one: a gmatch loop makes one entry, not one per match. */
static uint32_t intern_origin(struct gl_explain *ex, const struct gl_origin *o)
{
    if (ex->norig) {
        const struct gl_origin *l = &ex->orig[ex->norig - 1];
        if (same(l->match, o->match) && same(l->pattern, o->pattern) &&
            same(l->lexicon, o->lexicon) && same(l->entry, o->entry) &&
            same(l->at, o->at))
            return (uint32_t)ex->norig;
    }
    if (ex->norig >= UINT32_MAX - 1) return 0;
    GL_GROW(ex->orig, ex->caporig, ex->norig + 1);
    gl_origin_copy(&ex->orig[ex->norig++], o);
    return (uint32_t)ex->norig;
}

uint32_t lgl_origin_regex(lua_State *L, const char *pattern)
{
    struct gl_explain *ex = lgl_explain(L);
    struct gl_origin o = {0};
    char at[512];

    if (!ex) return 0;
    caller_at(L, at, sizeof at);
    o.match = (char *)"regex";
    o.pattern = (char *)pattern;
    o.at = at;
    return intern_origin(ex, &o);
}

uint32_t lgl_origin_lexicon(lua_State *L, const struct llexicon *x,
                            uint32_t entry)
{
    struct gl_explain *ex = lgl_explain(L);
    struct gl_origin o = {0};
    char at[512];

    if (!ex) return 0;
    caller_at(L, at, sizeof at);
    o.match = (char *)"lexicon";
    o.lexicon = x->name ? x->name : (char *)"(unknown)";
    o.entry = (char *)gl_lex_phrase(x->lex, entry);
    o.at = at;
    return intern_origin(ex, &o);
}

/* A span of document d at idx, or an error naming the why key. The
 * type is tested once; the rest is lgl_check_span's own check. */
static struct lspan *why_span(lua_State *L, int idx, struct ldoc *d,
                              const char *key)
{
    struct lspan *sp = lgl_testudata(L, idx, LGL_T_SPAN);

    if (!sp)
        luaL_error(L, "bad argument #4 to 'tag' (why.%s must be a "
                   "gloss.Span, got %s)", key, luaL_typename(L, idx));
    if (!sp->owner->doc)
        luaL_error(L, "document is closed (its article's run is over)");
    if (sp->owner != d)
        luaL_error(L, "bad argument #4 to 'tag' (why.%s is a span of "
                   "another document)", key);
    return sp;
}

void lgl_why_check(lua_State *L, int idx, struct ldoc *d)
{
    if (lua_isnoneornil(L, idx)) return;
    luaL_checktype(L, idx, LUA_TTABLE);
    lua_pushnil(L);
    while (lua_next(L, idx)) {
        size_t klen = 0;
        const char *k = lua_type(L, -2) == LUA_TSTRING
                            ? lua_tolstring(L, -2, &klen) : NULL;

        if (!k || klen == 0 || strlen(k) != klen)
            luaL_error(L, "bad argument #4 to 'tag' (why keys must be "
                       "non-empty strings without NUL bytes)");
        if (klen == 4 && memcmp(k, "note", 4) == 0) {
            if (lua_type(L, -1) != LUA_TSTRING)
                luaL_error(L, "bad argument #4 to 'tag' (why.note must be "
                           "a string, got %s)", luaL_typename(L, -1));
        } else {
            why_span(L, lua_gettop(L), d, k);
        }
        lua_pop(L, 1);
    }
}

void lgl_why_record(lua_State *L, int idx, struct ldoc *d, uint32_t id,
                    const struct lspan *sp)
{
    struct gl_explain *ex = lgl_explain(L);
    struct gl_why *w;
    const struct gl_doc *doc = d->doc;

    if (!ex) return;
    if (!sp->origin && lua_isnoneornil(L, idx)) return;
    w = gl_explain_why(ex, id);
    if (sp->origin && sp->origin <= ex->norig)
        gl_origin_copy(&w->origin, &ex->orig[sp->origin - 1]);
    if (lua_isnoneornil(L, idx)) return;
    lua_pushnil(L);
    while (lua_next(L, idx)) {
        const char *k = lua_tostring(L, -2);
        size_t len;

        if (strcmp(k, "note") == 0) {
            const char *s = lua_tolstring(L, -1, &len);
            free(w->note);
            w->note = xmemdup(s, len);
        } else {
            const struct lspan *e = lua_touserdata(L, -1);
            gl_why_evidence(w, k, doc->bytes + e->start, e->end - e->start,
                            gl_doc_cp(doc, e->start), gl_doc_cp(doc, e->end));
        }
        lua_pop(L, 1);
    }
}

/* doc:near_miss(span, reason): nothing, or one near miss under --explain */
int lgl_doc_near_miss(lua_State *L)
{
    struct ldoc *d = lgl_check_doc(L, 1), *sd;
    struct lspan *sp = lgl_check_span(L, 2, &sd);
    size_t rlen;
    const char *reason = luaL_checklstring(L, 3, &rlen);
    struct gl_explain *ex;
    unsigned long line = 0, col = 0;
    char at[512];

    if (sd != d) return luaL_argerror(L, 2, "span of another document");
    luaL_argcheck(L, rlen > 0, 3, "empty reason");
    if (!(ex = lgl_explain(L))) return 0;
    gl_doc_linecol(d->doc, sp->start, &line, &col);
    caller_at(L, at, sizeof at);
    gl_explain_near(ex, d->doc->bytes + sp->start, sp->end - sp->start,
                    gl_doc_cp(d->doc, sp->start), gl_doc_cp(d->doc, sp->end),
                    line, col, reason, rlen, at);
    return 0;
}

/* doc:explaining() -> true under --explain, so a script can skip work
 * done only to report near misses */
int lgl_doc_explaining(lua_State *L)
{
    lgl_check_doc(L, 1);
    lua_pushboolean(L, lgl_explain(L) != NULL);
    return 1;
}

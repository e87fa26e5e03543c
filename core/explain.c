/* explain.c - the why of annotations and the near misses of an article,
 * kept for `gloss run --explain`. Core layer; contract in explain.h. */
#include "explain.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

void gl_explain_init(struct gl_explain *ex)
{
    memset(ex, 0, sizeof *ex);
}

void gl_origin_free(struct gl_origin *o)
{
    free(o->match);
    free(o->pattern);
    free(o->lexicon);
    free(o->entry);
    free(o->at);
    memset(o, 0, sizeof *o);
}

static char *dup_or_null(const char *s)
{
    return s ? xstrdup(s) : NULL;
}

void gl_origin_copy(struct gl_origin *to, const struct gl_origin *from)
{
    to->match = dup_or_null(from->match);
    to->pattern = dup_or_null(from->pattern);
    to->lexicon = dup_or_null(from->lexicon);
    to->entry = dup_or_null(from->entry);
    to->at = dup_or_null(from->at);
}

void gl_why_free(struct gl_why *w)
{
    gl_origin_free(&w->origin);
    for (size_t i = 0; i < w->nev; i++) {
        free(w->ev[i].role);
        free(w->ev[i].sp.text);
    }
    free(w->ev);
    free(w->note);
    memset(w, 0, sizeof *w);
}

void gl_explain_clear(struct gl_explain *ex)
{
    for (size_t i = 0; i < ex->nwhy; i++) gl_why_free(&ex->why[i]);
    for (size_t i = 0; i < ex->nnear; i++) {
        free(ex->near[i].sp.text);
        free(ex->near[i].reason);
        free(ex->near[i].rule);
    }
    for (size_t i = 0; i < ex->norig; i++) gl_origin_free(&ex->orig[i]);
    ex->nwhy = ex->nnear = ex->norig = 0;
}

void gl_explain_fini(struct gl_explain *ex)
{
    gl_explain_clear(ex);
    free(ex->why);
    free(ex->near);
    free(ex->orig);
    memset(ex, 0, sizeof *ex);
}

struct gl_why *gl_explain_why(struct gl_explain *ex, uint32_t id)
{
    if (id >= ex->nwhy) {
        GL_GROW(ex->why, ex->capwhy, (size_t)id + 1);
        memset(ex->why + ex->nwhy, 0,
               ((size_t)id + 1 - ex->nwhy) * sizeof *ex->why);
        ex->nwhy = (size_t)id + 1;
    }
    return &ex->why[id];
}

const struct gl_why *gl_explain_get(const struct gl_explain *ex, uint32_t id)
{
    const struct gl_why *w;

    if (!ex || id >= ex->nwhy) return NULL;
    w = &ex->why[id];
    return w->origin.match || w->nev || w->note ? w : NULL;
}

void gl_why_evidence(struct gl_why *w, const char *role, const char *text,
                     size_t tlen, uint64_t start, uint64_t end)
{
    size_t i = 0;
    struct gl_evidence *e;

    /* sorted insert keeps the output independent of Lua's table order */
    while (i < w->nev && strcmp(w->ev[i].role, role) < 0) i++;
    if (i < w->nev && strcmp(w->ev[i].role, role) == 0) {
        e = &w->ev[i];
        free(e->sp.text);
    } else {
        GL_GROW(w->ev, w->capev, w->nev + 1);
        memmove(w->ev + i + 1, w->ev + i, (w->nev - i) * sizeof *w->ev);
        w->nev++;
        e = &w->ev[i];
        e->role = xstrdup(role);
    }
    e->sp.text = xmemdup(text, tlen);
    e->sp.len = tlen;
    e->sp.start = start;
    e->sp.end = end;
}

void gl_explain_near(struct gl_explain *ex, const char *text, size_t tlen,
                     uint64_t start, uint64_t end, unsigned long line,
                     unsigned long col, const char *reason, size_t rlen,
                     const char *rule)
{
    struct gl_near *n;

    GL_GROW(ex->near, ex->capnear, ex->nnear + 1);
    n = &ex->near[ex->nnear++];
    n->sp.text = xmemdup(text, tlen);
    n->sp.len = tlen;
    n->sp.start = start;
    n->sp.end = end;
    n->line = line;
    n->col = col;
    n->reason = xmemdup(reason, rlen);
    n->rule = dup_or_null(rule);
}

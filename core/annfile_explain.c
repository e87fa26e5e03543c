/* annfile_explain.c - reading what --explain adds to an annotation file:
 * why blocks and near_misses (machine-written, kept through a rewrite).
 * Core layer. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "annfile_int.h"
#include "util.h"

/* ---- what --explain adds: why and near_misses -------------------------- */

static int opt_str(struct rd *r, const struct gl_ynode *m, const char *key,
                   char **out)
{
    const struct gl_ynode *v = gl_ymap_get(m, key);
    return v ? af_get_str(r, v, key, out, NULL) : GL_OK;
}

/* {text, start, end} (code points), plus line and col for a near miss */
static int get_espan(struct rd *r, const struct gl_ynode *m,
                     struct gl_espan *sp, const char *where)
{
    const struct gl_ynode *v;
    int rc;

    if (!(v = af_need(r, m, "text", where))) return GL_ESCHEMA;
    if ((rc = af_get_str(r, v, "text", &sp->text, &sp->len))) return rc;
    if (!(v = af_need(r, m, "start", where))) return GL_ESCHEMA;
    if ((rc = af_get_uint(r, v, "start", UINT32_MAX, &sp->start))) return rc;
    if (!(v = af_need(r, m, "end", where))) return GL_ESCHEMA;
    if ((rc = af_get_uint(r, v, "end", UINT32_MAX, &sp->end))) return rc;
    if (sp->end < sp->start)
        return af_fail(r, v, "'end' (%lu) is before 'start' (%lu)",
                    (unsigned long)sp->end, (unsigned long)sp->start);
    return GL_OK;
}

int af_get_why(struct rd *r, const struct gl_ynode *m, struct gl_why *w)
{
    static const char *const keys[] = {"match", "pattern", "lexicon",
                                       "entry", "at", "evidence", "note",
                                       NULL};
    static const char *const ev_keys[] = {"text", "start", "end", NULL};
    const struct gl_ynode *v;
    int rc;

    if ((rc = af_want_map(r, m, "'why'")) ||
        (rc = af_known_keys(r, m, keys, "'why'")) ||
        (rc = opt_str(r, m, "match", &w->origin.match)) ||
        (rc = opt_str(r, m, "pattern", &w->origin.pattern)) ||
        (rc = opt_str(r, m, "lexicon", &w->origin.lexicon)) ||
        (rc = opt_str(r, m, "entry", &w->origin.entry)) ||
        (rc = opt_str(r, m, "at", &w->origin.at)) ||
        (rc = opt_str(r, m, "note", &w->note)))
        return rc;
    if (!(v = gl_ymap_get(m, "evidence"))) return GL_OK;
    if ((rc = af_want_map(r, v, "'evidence'"))) return rc;
    for (size_t i = 0; i < v->n; i += 2) {
        const struct gl_ynode *e = v->items[i + 1];
        struct gl_espan sp = {0};
        char *role = NULL;

        if ((rc = af_get_name(r, v->items[i], "an evidence role", &role)) ||
            (rc = af_want_map(r, e, "an evidence span")) ||
            (rc = af_known_keys(r, e, ev_keys, "an evidence span")) ||
            (rc = get_espan(r, e, &sp, "an evidence span"))) {
            free(role);
            free(sp.text);
            return rc;
        }
        gl_why_evidence(w, role, sp.text, sp.len, sp.start, sp.end);
        free(role);
        free(sp.text);
    }
    return GL_OK;
}

int af_get_near(struct rd *r, const struct gl_ynode *list)
{
    static const char *const keys[] = {"text", "start", "end", "line", "col",
                                       "reason", "rule", NULL};
    static const char *const where = "a near miss";

    if (list->kind != GL_Y_SEQ)
        return af_fail(r, list, "'near_misses' must be a list, not %s",
                    af_kind_name(list));
    for (size_t i = 0; i < list->n; i++) {
        const struct gl_ynode *m = list->items[i], *v;
        struct gl_espan sp = {0};
        uint64_t line = 0, col = 0;
        char *reason = NULL, *rule = NULL;
        int rc;

        if ((rc = af_want_map(r, m, "each near miss")) ||
            (rc = af_known_keys(r, m, keys, where)) ||
            (rc = get_espan(r, m, &sp, where)) ||
            (rc = !(v = af_need(r, m, "line", where)) ? GL_ESCHEMA
                  : af_get_uint(r, v, "line", UINT32_MAX, &line)) ||
            (rc = !(v = af_need(r, m, "col", where)) ? GL_ESCHEMA
                  : af_get_uint(r, v, "col", UINT32_MAX, &col)) ||
            (rc = !(v = af_need(r, m, "reason", where)) ? GL_ESCHEMA
                  : af_get_str(r, v, "reason", &reason, NULL)) ||
            (rc = opt_str(r, m, "rule", &rule))) {
            free(sp.text);
            free(reason);
            free(rule);
            return rc;
        }
        gl_explain_near(&r->f->ex, sp.text, sp.len, sp.start, sp.end,
                        (unsigned long)line, (unsigned long)col, reason,
                        strlen(reason), rule);
        free(sp.text);
        free(reason);
        free(rule);
    }
    return GL_OK;
}

/* merge.c - a fresh run merged into a reviewed annotation file: people's
 * decisions win, new suggestions arrive as pending, conflicts are kept
 * and flagged. Core layer; the contract is in merge.h. */
#include "merge.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

#define NONE ((size_t)-1)

int gl_merge_is_decision(const struct gl_af_ann *a)
{
    return a->review != GL_REVIEW_PENDING || a->note || !a->rule;
}

int gl_merge_placed(const struct gl_anchor *res)
{
    return res->status == GL_ANCHOR_UNCHANGED ||
           res->status == GL_ANCHOR_MOVED || res->status == GL_ANCHOR_PLACED;
}

/* Copy annotation `id` of `from` into `to` without its links (ids differ
 * between the stores); returns the new id. */
static size_t copy_ann(struct gl_store *to, const struct gl_store *from,
                       size_t id)
{
    const struct gl_ann *a = &from->ann[id];
    long nid = gl_store_add(to, a->type, strlen(a->type), a->span, a->script,
                            a->line);

    /* out is unlimited (max 0), so add cannot fail short of UINT32_MAX */
    if (nid < 0) return NONE;
    for (size_t k = 0; k < a->nattrs; k++) {
        struct gl_value v;
        gl_value_copy(&v, &a->attrs[k].val);
        gl_store_set_attr(to, (uint32_t)nid, a->attrs[k].key,
                          strlen(a->attrs[k].key), &v);
    }
    to->ann[nid].review = a->review;
    to->ann[nid].note = a->note ? xstrdup(a->note) : NULL;
    return (size_t)nid;
}

static int same_span(struct gl_span a, struct gl_span b)
{
    return a.start == b.start && a.end == b.end;
}

static int overlap(struct gl_span a, struct gl_span b)
{
    return same_span(a, b) || (a.start < b.end && b.start < a.end);
}

/* Keep every pending annotation a kept one links to, transitively, when
 * it is placed; links to the others are dropped later. */
static void close_links(const struct gl_store *old,
                        const struct gl_anchor *res, char *keep,
                        struct gl_merge_stats *s)
{
    size_t *todo = xcalloc(old->n + 1, sizeof *todo), ntodo = 0;

    for (size_t i = 0; i < old->n; i++)
        if (keep[i]) todo[ntodo++] = i;
    while (ntodo) {
        const struct gl_ann *a = &old->ann[todo[--ntodo]];
        for (size_t k = 0; k < a->nlinks; k++) {
            uint32_t t = a->links[k].target;
            if (t < old->n && !keep[t] && gl_merge_placed(&res[t])) {
                keep[t] = 1;
                s->kept_pending++;
                todo[ntodo++] = t;
            }
        }
    }
    free(todo);
}

/* The annotation of the same type at the same span among the kept ones
 * (want 1) or the dropped ones (want 0), or NONE. */
static size_t match(const struct gl_store *old, const char *keep, int want,
                    const struct gl_ann *f)
{
    for (size_t i = 0; i < old->n; i++)
        if (!keep[i] == !want && same_span(old->ann[i].span, f->span) &&
            !strcmp(old->ann[i].type, f->type))
            return i;
    return NONE;
}

/* Flag a new suggestion (out id `nid`) against accepted and edited kept
 * annotations it overlaps; returns 1 when flagged. */
static int flag(struct gl_store *out, size_t nid, const struct gl_store *old,
                const char *keep, const size_t *map)
{
    static const char *const state[] = {"pending", "accepted", "rejected",
                                        "edited"};
    int flagged = 0;

    for (size_t i = 0; i < old->n; i++) {
        const struct gl_ann *o = &old->ann[i];
        struct gl_ann *n = &out->ann[nid];

        if (!keep[i] || (o->review != GL_REVIEW_ACCEPTED &&
                         o->review != GL_REVIEW_EDITED))
            continue;
        if (!overlap(o->span, n->span) ||
            (strcmp(o->type, n->type) && !same_span(o->span, n->span)))
            continue;
        if (!flagged) {
            struct gl_value v;
            v.t = GL_V_STR;
            v.u.s.len = strlen(state[o->review]);
            v.u.s.p = xmemdup(state[o->review], v.u.s.len);
            gl_store_set_attr(out, (uint32_t)nid, GL_MERGE_FLAG,
                              strlen(GL_MERGE_FLAG), &v);
        }
        gl_store_link(out, (uint32_t)nid, GL_MERGE_ROLE,
                      strlen(GL_MERGE_ROLE), (uint32_t)map[i]);
        flagged = 1;
    }
    return flagged;
}

size_t gl_merge(const struct gl_annfile *rev, const struct gl_anchor *res,
                const struct gl_store *fresh, struct gl_store *out,
                struct gl_merge_stats *stats)
{
    struct gl_merge_stats s;
    struct gl_store old;
    struct gl_span *spans;
    size_t *map, *fmap, open = 0;
    char *keep, *rejected;

    memset(&s, 0, sizeof s);
    for (size_t i = 0; i < rev->n; i++)
        if (gl_merge_is_decision(&rev->ann[i]) && !gl_merge_placed(&res[i]))
            open++;
    if (open) {
        if (stats) *stats = s;
        return open;
    }

    spans = xcalloc(rev->n + 1, sizeof *spans);
    for (size_t i = 0; i < rev->n; i++)
        if (gl_merge_placed(&res[i])) spans[i] = res[i].span;
    gl_store_init(&old);
    gl_annfile_to_store(rev, spans, &old);
    free(spans);

    keep = xcalloc(old.n + 1, 1);
    map = xcalloc(old.n + 1, sizeof *map);
    for (size_t i = 0; i < old.n; i++)
        if (gl_merge_is_decision(&rev->ann[i])) {
            keep[i] = 1;
            s.kept++;
            if (res[i].status == GL_ANCHOR_MOVED) s.moved++;
        }
    close_links(&old, res, keep, &s);
    for (size_t i = 0; i < old.n; i++) {
        map[i] = keep[i] ? copy_ann(out, &old, i) : NONE;
        if (!keep[i]) s.dropped++;
    }
    for (size_t i = 0; i < old.n; i++) {
        const struct gl_ann *a = &old.ann[i];
        if (!keep[i]) continue;
        for (size_t k = 0; k < a->nlinks; k++) {
            uint32_t t = a->links[k].target;
            if (t < old.n && keep[t])
                gl_store_link(out, (uint32_t)map[i], a->links[k].role,
                              strlen(a->links[k].role), (uint32_t)map[t]);
        }
    }

    fmap = xcalloc(fresh->n + 1, sizeof *fmap);
    rejected = xcalloc(fresh->n + 1, 1);
    for (size_t j = 0; j < fresh->n; j++) {
        size_t m = match(&old, keep, 1, &fresh->ann[j]);

        if (m != NONE && old.ann[m].review == GL_REVIEW_REJECTED) {
            fmap[j] = NONE;
            rejected[j] = 1;
            s.suppressed++;
        } else if (m != NONE) {
            fmap[j] = map[m];
            s.duplicate++;
        } else {
            fmap[j] = copy_ann(out, fresh, j);
            out->ann[fmap[j]].review = GL_REVIEW_PENDING;
            if (match(&old, keep, 0, &fresh->ann[j]) != NONE) s.renewed++;
            else s.added++;
            if (flag(out, fmap[j], &old, keep, map)) s.conflicts++;
        }
    }
    /* links of the new suggestions only: a duplicate's links are the
     * person's, already copied with the kept annotation */
    for (size_t j = 0; j < fresh->n; j++) {
        const struct gl_ann *a = &fresh->ann[j];
        if (rejected[j] || match(&old, keep, 1, a) != NONE) continue;
        for (size_t k = 0; k < a->nlinks; k++) {
            uint32_t t = a->links[k].target;
            if (t < fresh->n && !rejected[t] && fmap[t] != NONE)
                gl_store_link(out, (uint32_t)fmap[j], a->links[k].role,
                              strlen(a->links[k].role), (uint32_t)fmap[t]);
        }
    }
    free(rejected);
    free(fmap);
    free(map);
    free(keep);
    gl_store_fini(&old);
    if (stats) *stats = s;
    return 0;
}

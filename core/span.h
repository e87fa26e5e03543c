/* span.h - the one offset model of gloss. Core layer.
 *
 * A span is a half-open range [start, end) of UTF-8 byte offsets into the
 * article file exactly as it was read (a BOM, if any, occupies [0,3) and is
 * never inside a span). Both ends always lie on character boundaries. Code
 * point offsets and line:col are derived from byte offsets through the
 * document's indexes (doc.h), never stored alongside them. */
#ifndef GLOSS_SPAN_H
#define GLOSS_SPAN_H

#include <stdint.h>

struct gl_span {
    uint32_t start, end;
};

static inline struct gl_span gl_span_make(uint32_t s, uint32_t e)
{
    struct gl_span sp;
    sp.start = s;
    sp.end = e;
    return sp;
}

static inline uint32_t gl_span_len(struct gl_span a) { return a.end - a.start; }

/* a contains b: b lies within a (an empty b at a's end counts). */
static inline int gl_span_contains(struct gl_span a, struct gl_span b)
{
    return a.start <= b.start && b.end <= a.end;
}

/* a and b share at least one byte; an empty span overlaps a span that
 * strictly surrounds its position. */
static inline int gl_span_overlaps(struct gl_span a, struct gl_span b)
{
    if (a.start == a.end) return b.start < a.start && a.start < b.end;
    if (b.start == b.end) return a.start < b.start && b.start < a.end;
    return a.start < b.end && b.start < a.end;
}

/* a ends at or before b starts. */
static inline int gl_span_before(struct gl_span a, struct gl_span b)
{
    return a.end <= b.start;
}

/* the smallest span covering both. */
static inline struct gl_span gl_span_union(struct gl_span a, struct gl_span b)
{
    return gl_span_make(a.start < b.start ? a.start : b.start,
                        a.end > b.end ? a.end : b.end);
}

#endif

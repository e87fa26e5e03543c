/* show_term.c - `gloss show` for a terminal: the article with each
 * annotation highlighted by type (ANSI colours when stdout is a terminal,
 * [brackets] with ids otherwise), then one line per annotation. CLI layer. */
#include <stdlib.h>
#include <string.h>

#include "show.h"

/* Background per type; anything else gets the last one. */
static const struct { const char *type, *sgr; } colours[] = {
    {"cue", "45;30"}, {"source", "46;30"}, {"actor", "42;30"},
    {"claim", "43;30"}, {NULL, "47;30"},
};

static const char *sgr_of(const char *type)
{
    size_t i;
    for (i = 0; colours[i].type; i++)
        if (!strcmp(colours[i].type, type)) break;
    return colours[i].sgr;
}

/* The type drawn for a segment: the highest in colours[] order among the
 * annotations covering it that were not rejected. */
static const char *top_type(const struct gl_show *s, const size_t *idx,
                            size_t n)
{
    const char *best = NULL;
    size_t rank = 99;

    for (size_t k = 0; k < n; k++) {
        const struct gl_af_ann *a = &s->f->ann[idx[k]];
        size_t r;
        if (a->review == GL_REVIEW_REJECTED) continue;
        for (r = 0; colours[r].type && strcmp(colours[r].type, a->type); r++)
            ;
        if (r < rank) rank = r, best = a->type;
    }
    return best;
}

static void text(FILE *out, const char *p, size_t n)
{
    fwrite(p, 1, n, out);
}

static void article(const struct gl_show *s, FILE *out, int colour)
{
    const char *bytes = s->doc->bytes;
    size_t *idx = xcalloc(s->f->n + 1, sizeof *idx);

    for (size_t c = 0; c + 1 < s->ncuts; c++) {
        size_t a = s->cuts[c], b = s->cuts[c + 1];
        size_t n = gl_show_cover(s, a, b, idx);

        /* markers: ends (inner first) close before starts open */
        if (!colour)
            for (size_t i = s->f->n; i-- > 0;)
                if (s->placed[i] && s->spans[i].end == a &&
                    s->spans[i].start < a)
                    fprintf(out, "]%lu", gl_show_id(s, i));
        for (size_t i = 0; i < s->f->n; i++)
            if (s->placed[i] && s->spans[i].start == a) {
                if (colour)
                    fprintf(out, "\033[2m%lu\033[22m", gl_show_id(s, i));
                else
                    fputc('[', out);
            }
        if (colour && n) {
            const char *t = top_type(s, idx, n);
            if (t) fprintf(out, "\033[%sm", sgr_of(t));
            else fputs("\033[9;2m", out); /* only rejected ones: struck */
            text(out, bytes + a, b - a);
            fputs("\033[0m", out);
        } else {
            text(out, bytes + a, b - a);
        }
    }
    if (!colour)
        for (size_t i = s->f->n; i-- > 0;)
            if (s->placed[i] && s->spans[i].end == s->doc->len &&
                s->spans[i].start < s->doc->len)
                fprintf(out, "]%lu", gl_show_id(s, i));
    if (s->doc->len && bytes[s->doc->len - 1] != '\n') fputc('\n', out);
    free(idx);
}

static void listing(const struct gl_show *s, FILE *out, int colour)
{
    for (size_t i = 0; i < s->f->n; i++) {
        const struct gl_af_ann *a = &s->f->ann[i];
        struct gl_buf b = {0};
        unsigned long l = 0, c = 0;
        size_t n;

        if (s->placed[i]) gl_doc_linecol(s->doc, s->spans[i].start, &l, &c);
        if (colour)
            gl_buf_printf(&b, "\033[%sm%-6s\033[0m", sgr_of(a->type), a->type);
        else
            gl_buf_printf(&b, "%-6s", a->type);
        gl_buf_printf(&b, " %3lu %-8s ", gl_show_id(s, i),
                      gl_show_review[a->review]);
        if (s->placed[i]) gl_buf_printf(&b, "%lu:%lu ", l, c);
        else gl_buf_puts(&b, "(not found) ");
        gl_buf_putc(&b, '"');
        n = a->tlen > 60 ? 60 : a->tlen;
        while (n < a->tlen && n && ((unsigned char)a->text[n] & 0xC0) == 0x80)
            n--; /* cut on a character boundary */
        for (size_t k = 0; k < n; k++)
            gl_buf_putc(&b, (unsigned char)a->text[k] < 0x20 ? ' '
                                                             : a->text[k]);
        gl_buf_puts(&b, n < a->tlen ? "...\"" : "\"");
        for (size_t k = 0; k < a->nattrs; k++) {
            gl_buf_printf(&b, " %s=", a->attrs[k].key);
            gl_show_value(&b, &a->attrs[k].val);
        }
        for (size_t k = 0; k < a->nlinks; k++)
            gl_buf_printf(&b, " %s->%lu", a->links[k].role,
                          (unsigned long)a->links[k].target);
        if (a->note) gl_buf_printf(&b, " note: %s", a->note);
        fprintf(out, "%s\n", b.p);
        gl_buf_free(&b);
    }
}

void gl_show_term(const struct gl_show *s, FILE *out, int colour)
{
    fprintf(out, "%s: %s, %zu annotations\n\n", s->file, s->doc->name,
            s->f->n);
    article(s, out, colour);
    fputc('\n', out);
    listing(s, out, colour);
}

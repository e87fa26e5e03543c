/* show_html.c - `gloss show --html`: one standalone page (no network, no
 * external assets) with the article highlighted by annotation type, review
 * badges, attributes on hover, claim->source links highlighted on hover or
 * click, and lists of attributions and annotations. CLI layer. */
#include <stdlib.h>
#include <string.h>

#include "show.h"

static void esc(struct gl_buf *b, const char *p, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        switch (p[i]) {
        case '&': gl_buf_puts(b, "&amp;"); break;
        case '<': gl_buf_puts(b, "&lt;"); break;
        case '>': gl_buf_puts(b, "&gt;"); break;
        case '"': gl_buf_puts(b, "&quot;"); break;
        case '\r': break; /* CR LF shows as one break; a lone CR as none */
        default: gl_buf_putc(b, p[i]);
        }
    }
}

static void escs(struct gl_buf *b, const char *s)
{
    esc(b, s, strlen(s));
}

/* Classes by type; known types have their own colour. */
static const char *tclass(const char *type)
{
    static const char *const known[] = {"claim", "source", "actor", "cue"};
    for (size_t i = 0; i < 4; i++)
        if (!strcmp(type, known[i])) return known[i];
    return "other";
}

static const char css[] =
    "body{font:16px/1.6 sans-serif;margin:24px;color:#222;background:#fff}"
    "h1{font-size:20px}h2{font-size:17px;margin-top:28px}"
    "#article{white-space:pre-wrap;max-width:60em;padding:12px;"
    "border:1px solid #ccc}"
    ".a{border-radius:2px;cursor:pointer}"
    ".t-claim{background:#ffe066}"
    ".t-actor{background:#b2f2bb}"
    ".t-source{background:#8fd3ff}"
    ".t-cue{background:#ffa8a8}"
    ".t-other{background:#e5dbff}"
    ".rej{text-decoration:line-through;color:#888}"
    ".hl{outline:3px solid #e8590c}"
    "tr.hl{outline:2px solid #e8590c}"
    "sup.b{font-size:10px;padding:0 2px;margin-right:1px;border-radius:3px;"
    "color:#fff}"
    ".r-pending{background:#868e96}.r-accepted{background:#2b8a3e}"
    ".r-rejected{background:#c92a2a}.r-edited{background:#1864ab}"
    ".sw{display:inline-block;width:14px;height:14px;vertical-align:middle;"
    "margin:0 4px 0 12px}"
    "table{border-collapse:collapse}td,th{border-bottom:1px solid #ddd;"
    "padding:2px 8px;text-align:left;vertical-align:top}";

/* Hovering or clicking an annotation highlights it and every annotation
 * linked to it, either way (a claim, its source and its cue). */
static const char js[] =
    "(function(){var R=JSON.parse(document.getElementById('rel').textContent);"
    "var all=document.querySelectorAll('[data-a]');var pinned=null;"
    "function ids(e){return e.getAttribute('data-a').split(' ');}"
    "function show(list){var s={};list.forEach(function(i){s[i]=1;"
    "(R[i]||[]).forEach(function(j){s[j]=1;});});"
    "all.forEach(function(e){var on=ids(e).some(function(i){return s[i];});"
    "e.classList.toggle('hl',list.length>0&&on);});}"
    "all.forEach(function(e){e.addEventListener('mouseenter',function(){"
    "if(!pinned)show(ids(e));});e.addEventListener('mouseleave',function(){"
    "if(!pinned)show([]);});e.addEventListener('click',function(){"
    "pinned=pinned===e?null:e;show(pinned?ids(e):[]);});});"
    "document.body.setAttribute('data-ready','1');})();";

/* The key used in data-a: the index in the file, stable even for
 * annotations added by hand without an id. */
static void title_of(const struct gl_show *s, size_t i, struct gl_buf *t)
{
    const struct gl_af_ann *a = &s->f->ann[i];

    gl_buf_printf(t, "#%lu %s \xc2\xb7 %s", gl_show_id(s, i), a->type,
                  gl_show_review[a->review]);
    for (size_t k = 0; k < a->nattrs; k++) {
        gl_buf_printf(t, "\n%s = ", a->attrs[k].key);
        gl_show_value(t, &a->attrs[k].val);
    }
    for (size_t k = 0; k < a->nlinks; k++)
        gl_buf_printf(t, "\n%s \xe2\x86\x92 #%lu", a->links[k].role,
                      (unsigned long)a->links[k].target);
    if (a->rule) gl_buf_printf(t, "\nrule: %s", a->rule);
    if (a->note) gl_buf_printf(t, "\nnote: %s", a->note);
}

static void segment(const struct gl_show *s, size_t a, size_t b,
                    const size_t *idx, size_t n, struct gl_buf *o)
{
    struct gl_buf t = {0};
    int live = 0;

    gl_buf_puts(o, "<span class=\"a");
    for (size_t k = 0; k < n; k++)
        if (s->f->ann[idx[k]].review != GL_REVIEW_REJECTED) {
            gl_buf_printf(o, " t-%s", tclass(s->f->ann[idx[k]].type));
            live = 1;
        }
    if (!live) gl_buf_puts(o, " rej");
    gl_buf_puts(o, "\" data-a=\"");
    for (size_t k = 0; k < n; k++) {
        gl_buf_printf(o, "%s%zu", k ? " " : "", idx[k]);
        if (k) gl_buf_puts(&t, "\n\n");
        title_of(s, idx[k], &t);
    }
    gl_buf_puts(o, "\" title=\"");
    esc(o, t.p, t.len);
    gl_buf_puts(o, "\">");
    esc(o, s->doc->bytes + a, b - a);
    gl_buf_puts(o, "</span>");
    gl_buf_free(&t);
}

static void article(const struct gl_show *s, struct gl_buf *o)
{
    size_t *idx = xcalloc(s->f->n + 1, sizeof *idx);

    gl_buf_puts(o, "<div id=\"article\">");
    for (size_t c = 0; c + 1 < s->ncuts; c++) {
        size_t a = s->cuts[c], b = s->cuts[c + 1];
        size_t n = gl_show_cover(s, a, b, idx);

        for (size_t i = 0; i < s->f->n; i++)
            if (s->placed[i] && s->spans[i].start == a)
                gl_buf_printf(o, "<sup class=\"b r-%s\" data-a=\"%zu\" "
                              "title=\"%s\">%lu</sup>",
                              gl_show_review[s->f->ann[i].review], i,
                              gl_show_review[s->f->ann[i].review],
                              gl_show_id(s, i));
        if (n) segment(s, a, b, idx, n, o);
        else esc(o, s->doc->bytes + a, b - a);
    }
    gl_buf_puts(o, "</div>\n");
    free(idx);
}

static void quoted(const struct gl_show *s, size_t i, struct gl_buf *o)
{
    const struct gl_af_ann *a = &s->f->ann[i];

    gl_buf_printf(o, "<span class=\"a t-%s\" data-a=\"%zu\">#%lu %s "
                  "\xe2\x80\x9c", tclass(a->type), i, gl_show_id(s, i),
                  a->type);
    esc(o, a->text, a->tlen);
    gl_buf_printf(o, "\xe2\x80\x9d</span> <sup class=\"b r-%s\">%s</sup>",
                  gl_show_review[a->review], gl_show_review[a->review]);
}

/* Every link, as "claim <- role: target" rows (sources first). */
static void attributions(const struct gl_show *s, struct gl_buf *o)
{
    size_t n = 0;

    gl_buf_puts(o, "<h2>Attributions and links</h2>\n<table id=\"links\">"
                "<tr><th>from</th><th>role</th><th>to</th></tr>\n");
    for (size_t i = 0; i < s->f->n; i++)
        for (size_t k = 0; k < s->f->ann[i].nlinks; k++) {
            const struct gl_af_link *l = &s->f->ann[i].links[k];
            long t = gl_annfile_find(s->f, l->target);
            if (t < 0) continue;
            gl_buf_printf(o, "<tr data-a=\"%zu %ld\" class=\"link role-", i,
                          t);
            escs(o, l->role);
            gl_buf_puts(o, "\"><td>");
            quoted(s, i, o);
            gl_buf_puts(o, "</td><td>");
            escs(o, l->role);
            gl_buf_puts(o, "</td><td>");
            quoted(s, (size_t)t, o);
            gl_buf_puts(o, "</td></tr>\n");
            n++;
        }
    gl_buf_puts(o, "</table>\n");
    if (!n) gl_buf_puts(o, "<p>No links.</p>\n");
}

static void annotations(const struct gl_show *s, struct gl_buf *o)
{
    gl_buf_puts(o, "<h2>Annotations</h2>\n<table id=\"anns\"><tr><th>id</th>"
                "<th>type</th><th>review</th><th>where</th><th>text</th>"
                "<th>attributes</th><th>note</th></tr>\n");
    for (size_t i = 0; i < s->f->n; i++) {
        const struct gl_af_ann *a = &s->f->ann[i];
        struct gl_buf t = {0};
        unsigned long l = 0, c = 0;

        title_of(s, i, &t);
        if (s->placed[i]) gl_doc_linecol(s->doc, s->spans[i].start, &l, &c);
        gl_buf_printf(o, "<tr data-a=\"%zu\" class=\"ann rv-%s\" title=\"", i,
                      gl_show_review[a->review]);
        esc(o, t.p, t.len);
        gl_buf_printf(o, "\"><td>%lu</td><td><span class=\"a t-%s\">",
                      gl_show_id(s, i), tclass(a->type));
        escs(o, a->type);
        gl_buf_printf(o, "</span></td><td><sup class=\"b r-%s\">%s</sup></td>",
                      gl_show_review[a->review], gl_show_review[a->review]);
        if (s->placed[i]) gl_buf_printf(o, "<td>%lu:%lu</td><td>", l, c);
        else gl_buf_puts(o, "<td>not found</td><td>");
        esc(o, a->text, a->tlen);
        gl_buf_puts(o, "</td><td>");
        for (size_t k = 0; k < a->nattrs; k++) {
            struct gl_buf v = {0};
            gl_show_value(&v, &a->attrs[k].val);
            gl_buf_puts(o, k ? "<br>" : "");
            escs(o, a->attrs[k].key);
            gl_buf_puts(o, "=");
            esc(o, v.p ? v.p : "", v.len);
            gl_buf_free(&v);
        }
        gl_buf_puts(o, "</td><td>");
        if (a->note) escs(o, a->note);
        gl_buf_puts(o, "</td></tr>\n");
        gl_buf_free(&t);
    }
    gl_buf_puts(o, "</table>\n");
}

/* {"index": [linked indexes, either direction]} for the script. */
static void relations(const struct gl_show *s, struct gl_buf *o)
{
    gl_buf_puts(o, "<script type=\"application/json\" id=\"rel\">{");
    for (size_t i = 0; i < s->f->n; i++) {
        const char *sep = "";
        gl_buf_printf(o, "%s\"%zu\":[", i ? "," : "", i);
        for (size_t k = 0; k < s->f->ann[i].nlinks; k++) {
            long t = gl_annfile_find(s->f, s->f->ann[i].links[k].target);
            if (t >= 0) gl_buf_printf(o, "%s%ld", sep, t), sep = ",";
        }
        for (size_t j = 0; j < s->f->n; j++)
            for (size_t k = 0; k < s->f->ann[j].nlinks; k++)
                if (gl_annfile_find(s->f, s->f->ann[j].links[k].target) ==
                    (long)i)
                    gl_buf_printf(o, "%s%zu", sep, j), sep = ",";
        gl_buf_putc(o, ']');
    }
    gl_buf_puts(o, "}</script>\n");
}

int gl_show_html(const struct gl_show *s, FILE *out)
{
    static const char *const legend[] = {"claim", "source", "actor", "cue"};
    struct gl_buf o = {0};
    size_t count[4] = {0};
    int rc;

    for (size_t i = 0; i < s->f->n; i++)
        count[s->f->ann[i].review]++;
    gl_buf_puts(&o, "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">"
                "<title>");
    escs(&o, s->file);
    gl_buf_printf(&o, "</title>\n<style>%s</style></head>\n<body>\n<h1>",
                  css);
    escs(&o, s->doc->name);
    gl_buf_puts(&o, "</h1>\n<p id=\"legend\">");
    for (size_t i = 0; i < 4; i++)
        gl_buf_printf(&o, "<span class=\"sw t-%s\"></span>%s", legend[i],
                      legend[i]);
    gl_buf_printf(&o, "<br>%zu annotations: %zu pending, %zu accepted, %zu "
                  "rejected, %zu edited. Hover or click a highlight to see "
                  "what it links to.</p>\n", s->f->n, count[0], count[1],
                  count[2], count[3]);
    article(s, &o);
    attributions(s, &o);
    annotations(s, &o);
    relations(s, &o);
    gl_buf_printf(&o, "<script>%s</script>\n</body></html>\n", js);
    rc = fwrite(o.p, 1, o.len, out) == o.len ? 0 : -1;
    gl_buf_free(&o);
    return rc;
}

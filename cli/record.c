/* record.c - one JSON Lines record as an article. CLI layer. */
#include "record.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"

/* An id usable as a file name: no '/', no leading '.', not empty. */
static char *file_safe(const char *id, size_t len)
{
    struct gl_buf b = {0};
    size_t i;

    for (i = 0; i < len; i++) {
        char c = id[i];
        gl_buf_putc(&b, c == '/' || c == '\0' || c == '\\' ||
                                (i == 0 && c == '.') ? '_' : c);
    }
    if (!b.len) gl_buf_putc(&b, '_');
    return b.p;
}

int gl_record_decode(const struct gl_record_fields *f,
                     const struct gl_record_at *at, const char *raw, size_t n,
                     char **name, char **text, size_t *len, char **out,
                     struct gl_buf *msg)
{
    struct gl_jnode *rec = NULL;
    const struct gl_jnode *id, *t;
    struct gl_err err = {0};
    struct gl_buf nm = {0}, o = {0};
    const char *sep = *at->base ? "/" : "";
    int rc = -1;

    if (gl_json_read(raw, n, at->path, &rec, &err) != GL_OK) {
        gl_buf_printf(msg, "gloss: error: %s:%lu:%lu: %s\n", at->path, at->line,
                      err.col, err.msg);
        goto done;
    }
    if (rec->kind != GL_J_OBJECT) {
        gl_buf_printf(msg, "gloss: error: %s:%lu: a record must be a JSON "
                      "object, not %s\n", at->path, at->line,
                      gl_json_kind_name(rec->kind));
        goto done;
    }
    t = gl_jobj_get(rec, f->text_field);
    if (!t || t->kind != GL_J_STRING) {
        gl_buf_printf(msg, "gloss: error: %s:%lu: no string field '%s' (see "
                      "--text-field)\n", at->path, at->line, f->text_field);
        goto done;
    }
    /* records are named FILE#ID (FILE:LINE without an id), which is what
     * the YAML's article.path shows */
    id = gl_jobj_get(rec, f->id_field);
    if (id && id->kind == GL_J_STRING) {
        char *safe = file_safe(id->str, id->len);
        gl_buf_printf(&nm, "%s#%s", at->path, safe);
        gl_buf_printf(&o, "%s%s%s.yaml", at->base, sep, safe);
        free(safe);
    } else if (id && id->kind == GL_J_NUMBER && id->is_int) {
        gl_buf_printf(&nm, "%s#%lld", at->path, (long long)id->i);
        gl_buf_printf(&o, "%s%s%lld.yaml", at->base, sep, (long long)id->i);
    } else {
        gl_buf_printf(&nm, "%s:%lu", at->path, at->line);
        gl_buf_printf(&o, "%s%sline-%lu.yaml", at->base, sep, at->line);
    }
    *name = nm.p;
    *out = o.p;
    *text = xmemdup(t->str, t->len);
    *len = t->len;
    rc = 0;
done:
    gl_json_free(rec);
    return rc;
}

void gl_record_at_pack(const struct gl_record_at *at, struct gl_buf *out)
{
    gl_buf_add(out, at->path, strlen(at->path) + 1);
    gl_buf_add(out, at->base, strlen(at->base) + 1);
    gl_buf_printf(out, "%lu", at->line);
}

int gl_record_at_unpack(const char *s, size_t n, struct gl_record_at *at)
{
    const char *end = s + n, *p = s, *q;

    at->path = p;
    if (!(q = memchr(p, '\0', (size_t)(end - p)))) return -1;
    p = q + 1;
    at->base = p;
    if (p >= end || !(q = memchr(p, '\0', (size_t)(end - p)))) return -1;
    at->line = strtoul(q + 1, NULL, 10);
    return 0;
}

/* test_annfile.c - unit tests of the annotation file reader
 * (core/annfile.c) and of re-emission and edited-file detection
 * (core/annfile_out.c). */
#include <stdlib.h>
#include <string.h>

#include "annfile.h"
#include "check.h"
#include "emit.h"
#include "util.h"

static const char article[] =
    "Ali Hassan said: \"We will stay.\"\nThe mayor disagreed.\n";

static int buf_write(void *ctx, const char *p, size_t n)
{
    gl_buf_add(ctx, p, n);
    return 0;
}

/* Real gloss output for `article`: a source, a cue, a claim linking both,
 * and attributes of every kind. */
static char *gloss_output(struct gl_doc **docp)
{
    static const char *scripts[] = {"preset:quotes"};
    struct gl_run_info run = {"0.1.0", scripts, 1};
    struct gl_doc *doc = gl_doc_from_memory(article, strlen(article),
                                            "news/a.txt", NULL);
    struct gl_store st;
    struct gl_buf out = {0};
    struct gl_value v;
    long src, cue, claim;

    gl_store_init(&st);
    src = gl_store_add(&st, "source", 6, gl_span_make(0, 10), "q.lua", 21);
    cue = gl_store_add(&st, "cue", 3, gl_span_make(11, 15), "q.lua", 21);
    claim = gl_store_add(&st, "claim", 5, gl_span_make(18, 31), "q.lua", 0);
    v.t = GL_V_STR;
    v.u.s.p = xstrdup("direct");
    v.u.s.len = 6;
    gl_store_set_attr(&st, (uint32_t)claim, "kind", 4, &v);
    v.t = GL_V_NUM;
    v.u.n = 0.1;
    gl_store_set_attr(&st, (uint32_t)claim, "score", 5, &v);
    v.t = GL_V_INT;
    v.u.i = -7;
    gl_store_set_attr(&st, (uint32_t)claim, "n", 1, &v);
    v.t = GL_V_BOOL;
    v.u.b = 1;
    gl_store_set_attr(&st, (uint32_t)claim, "quoted", 6, &v);
    v.t = GL_V_LIST;
    v.u.list.n = 2;
    v.u.list.v = xcalloc(2, sizeof *v.u.list.v);
    v.u.list.v[0].t = GL_V_STR;
    v.u.list.v[0].u.s.p = xstrdup("yes");
    v.u.list.v[0].u.s.len = 3;
    v.u.list.v[1].t = GL_V_NUM;
    v.u.list.v[1].u.n = 1e20;
    gl_store_set_attr(&st, (uint32_t)claim, "tags", 4, &v);
    gl_store_link(&st, (uint32_t)claim, "source", 6, (uint32_t)src);
    gl_store_link(&st, (uint32_t)claim, "cue", 3, (uint32_t)cue);
    gl_emit_yaml(doc, &st, &run, 0, buf_write, &out, NULL);
    gl_store_fini(&st);
    *docp = doc;
    return out.p;
}

/* s with the first `from` replaced by `to` (caller frees). */
static char *edit(const char *s, const char *from, const char *to)
{
    const char *at = strstr(s, from);
    struct gl_buf b = {0};

    if (!at) return xstrdup("(edit target missing)");
    gl_buf_add(&b, s, (size_t)(at - s));
    gl_buf_puts(&b, to);
    gl_buf_puts(&b, at + strlen(from));
    return b.p;
}

static void test_reads_gloss_output(void)
{
    struct gl_doc *doc;
    char *y = gloss_output(&doc);
    struct gl_annfile *f = NULL;
    struct gl_err err = {0};
    const struct gl_af_ann *c;

    CHECKF(gl_annfile_parse(y, strlen(y), "a.yaml", &f, &err) == GL_OK,
           "%lu:%lu %s", err.line, err.col, err.msg);
    if (!f) goto out;
    CHECK(!strcmp(f->article.path, "news/a.txt"));
    CHECK(f->article.bytes == strlen(article) && f->article.lines == 3);
    CHECK(f->article.newline == GL_NL_LF && !f->article.bom);
    CHECK(!strcmp(f->gloss_version, "0.1.0") && f->nscripts == 1);
    CHECK(f->n == 3);
    c = &f->ann[2];
    CHECK(c->id == 3 && !strcmp(c->type, "claim"));
    CHECK(c->tlen == 13 && !memcmp(c->text, "We will stay.", 13));
    CHECK(c->start == 18 && c->end == 31 && c->byte_start == 18);
    CHECK(c->line == 1 && c->col == 19);
    CHECK(c->has == (GL_AF_ID | GL_AF_START | GL_AF_BYTES | GL_AF_LINE |
                     GL_AF_COL | GL_AF_REVIEW));
    CHECK(!strcmp(c->rule, "q.lua") && c->review == GL_REVIEW_PENDING);
    CHECK(c->nattrs == 5 && !strcmp(c->attrs[0].key, "kind"));
    CHECK(c->attrs[1].val.t == GL_V_INT && c->attrs[1].val.u.i == -7);
    CHECK(c->attrs[2].val.t == GL_V_BOOL && c->attrs[2].val.u.b == 1);
    CHECK(c->attrs[3].val.t == GL_V_NUM && c->attrs[3].val.u.n == 0.1);
    CHECK(c->attrs[4].val.t == GL_V_LIST && c->attrs[4].val.u.list.n == 2);
    CHECK(c->attrs[4].val.u.list.v[0].t == GL_V_STR);
    CHECK(c->attrs[4].val.u.list.v[1].u.n == 1e20);
    CHECK(c->nlinks == 2 && !strcmp(c->links[0].role, "source") &&
          c->links[0].target == 1 && c->links[1].target == 2);
    CHECK(c->yline > 1 && c->ycol == 3);
    CHECK(!strcmp(f->ann[0].rule, "q.lua:21"));
    gl_annfile_free(f);
out:
    free(y);
    gl_doc_free(doc);
}

/* What gloss wrote comes back out byte for byte. */
static void test_reemits_identical_bytes(void)
{
    struct gl_doc *doc;
    char *y = gloss_output(&doc);
    struct gl_annfile *f = NULL;
    struct gl_span sp[3];
    struct gl_buf out = {0};

    CHECK(gl_annfile_parse(y, strlen(y), "a.yaml", &f, NULL) == GL_OK);
    for (size_t i = 0; f && i < 3; i++)
        sp[i] = gl_span_make(f->ann[i].byte_start, f->ann[i].byte_end);
    CHECK(f && gl_annfile_emit(f, doc, sp, buf_write, &out, NULL) == GL_OK);
    CHECKF(out.p && !strcmp(out.p, y), "got:\n%s", out.p ? out.p : "");
    gl_buf_free(&out);
    gl_annfile_free(f);
    free(y);
    gl_doc_free(doc);
}

static void test_edited_detection(void)
{
    static const struct {
        const char *from, *to, *why; /* why NULL: not edited */
    } cases[] = {
        {"", "", NULL},
        {"review: pending\n- id: 2", "review: accepted\n- id: 2",
         "has review: accepted"},
        {"review: pending\n- id: 3", "review: rejected\n- id: 3",
         "has review: rejected"},
        {"  review: pending\n- id: 2",
         "  review: pending\n  note: \"checked\"\n- id: 2", "has a note"},
        {"  rule: \"q.lua:21\"\n  review: pending\n- id: 2",
         "  review: pending\n- id: 2", "added by hand"},
        {"text: \"said\"", "text: \"Said\"", "differs from what gloss wrote"},
        {"type: cue", "type: \"cue\"", "differs from what gloss wrote"},
        {"  start: 11\n", "  start: 12\n", "differs from what gloss wrote"},
        /* a correction left as pending reads back as what it says: the
         * schema asks for review: edited there, and that is what tells */
        {"kind: direct", "kind: indirect", NULL},
        {"  review: pending\n- id: 2",
         "  review: pending  # looks fine\n- id: 2",
         "differs from what gloss wrote"},
    };
    struct gl_doc *doc;
    char *y = gloss_output(&doc);

    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char *e = edit(y, cases[i].from, cases[i].to);
        struct gl_annfile *f = NULL;
        struct gl_err err = {0};
        char why[200] = "";
        int ed;

        CHECKF(gl_annfile_parse(e, strlen(e), "a.yaml", &f, &err) == GL_OK,
               "case %zu: %s", i, err.msg);
        ed = f ? gl_annfile_edited(f, doc, why, sizeof why) : -1;
        CHECKF(ed == (cases[i].why != NULL), "case %zu: edited=%d", i, ed);
        CHECKF(!cases[i].why || strstr(why, cases[i].why), "case %zu: %s", i,
               why);
        gl_annfile_free(f);
        free(e);
    }
    free(y);
    gl_doc_free(doc);
}

/* Without the article the file was written for, only the review, note and
 * hand-added rules can tell. */
static void test_edited_without_article(void)
{
    struct gl_doc *doc, *other;
    char *y = gloss_output(&doc);
    char *e = edit(y, "text: \"said\"", "text: \"Said\"");
    struct gl_annfile *f = NULL;

    other = gl_doc_from_memory("x\n", 2, "b.txt", NULL);
    CHECK(gl_annfile_parse(e, strlen(e), "a.yaml", &f, NULL) == GL_OK);
    CHECK(f && gl_annfile_edited(f, NULL, NULL, 0) == 0);
    CHECK(f && gl_annfile_edited(f, other, NULL, 0) == 0);
    CHECK(f && gl_annfile_edited(f, doc, NULL, 0) == 1);
    CHECK(gl_annfile_path_edited("/nonexistent/dir/x.yaml", doc, NULL, 0,
                                 NULL) == 0);
    gl_annfile_free(f);
    gl_doc_free(other);
    free(e);
    free(y);
    gl_doc_free(doc);
}

static const char head[] =
    "gloss: 1\n"
    "article:\n"
    "  path: \"a.txt\"\n"
    "  sha256: 0000000000000000000000000000000000000000000000000000000000000000\n"
    "  bytes: 5\n"
    "  chars: 5\n"
    "  lines: 1\n"
    "  bom: false\n"
    "  newline: none\n"
    "run:\n"
    "  gloss: 0.1.0\n"
    "  scripts: []\n"
    "annotations:\n";

static void test_hand_added(void)
{
    struct gl_buf b = {0};
    struct gl_annfile *f = NULL;
    struct gl_err err = {0};

    gl_buf_puts(&b, head);
    gl_buf_puts(&b, "- type: actor\n  text: \"mayor\"\n"
                    "- type: actor\n  text: Ali\n  line: 4\n  col: 2\n"
                    "  review: pending\n  note: \"maybe\"\n");
    CHECKF(gl_annfile_parse(b.p, b.len, "h.yaml", &f, &err) == GL_OK, "%s",
           err.msg);
    if (f) {
        CHECK(f->n == 2 && f->ann[0].has == 0 && !f->ann[0].rule);
        CHECK(f->ann[0].review == GL_REVIEW_ACCEPTED);
        CHECK(f->ann[1].has == (GL_AF_LINE | GL_AF_COL | GL_AF_REVIEW));
        CHECK(f->ann[1].line == 4 && f->ann[1].col == 2);
        CHECK(f->ann[1].review == GL_REVIEW_PENDING);
        CHECK(!strcmp(f->ann[1].note, "maybe"));
        CHECK(gl_annfile_edited(f, NULL, NULL, 0) == 1);
    }
    gl_annfile_free(f);
    gl_buf_free(&b);
}

/* Each: annotation text after `head`, expected line:col and message. */
static void test_schema_errors(void)
{
    static const struct {
        const char *ann;
        unsigned long line, col;
        const char *msg;
    } cases[] = {
        {"- type: a\n  text: x\n  revew: accepted\n", 16, 3,
         "unknown key 'revew' in an annotation (did you mean 'review'?)"},
        {"- type: a\n  text: x\n  review: acepted\n", 16, 11,
         "'review' must be one of pending, accepted, rejected, edited, not "
         "'acepted'"},
        {"- type: a\n  text: x\n  start: \"3\"\n  end: 4\n", 16, 10,
         "'start' must be a whole number without quotes"},
        {"- type: a\n  text: x\n  start: 3\n", 16, 10,
         "'start' and 'end' go together"},
        {"- type: a\n  text: x\n  start: 5\n  end: 4\n", 17, 8,
         "'end' (4) is before 'start' (5)"},
        {"- text: x\n", 14, 3, "missing key 'type' in this annotation"},
        {"- type: a\n  text: x\n  rule: \"r.lua\"\n", 14, 3,
         "missing key 'id' in this annotation"},
        {"- type: a\n  text:\n", 15, 8, "'text' has no value"},
        {"- type: a\n  text: x\n  attrs:\n    ok: yes\n", 17, 9,
         "'yes' can be read as a boolean"},
        {"- type: a\n  text: x\n  attrs:\n    m: {a: 1}\n", 17, 8,
         "attribute 'm' must be a value or a list, not a mapping"},
        {"- type: a\n  text: x\n  id: 1\n- type: b\n  text: y\n  id: 1\n",
         19, 7, "duplicate id 1 (first at line 14)"},
        {"- type: a\n  text: x\n  links:\n    source: 9\n", 17, 13,
         "link 'source' points at id 9, which no annotation has"},
        {"- type: a\n  text: x\n  col: 3\n", 16, 8,
         "'col' needs a 'line' as well"},
        {"- type: a\n  text: \"\"\n", 15, 9,
         "needs a non-empty 'text'"},
        {"- [a, b]\n", 14, 3, "each annotation must be a mapping"},
        {"- type: a\n  text: x\n  id: 0\n", 16, 7, "'id' must be 1 or more"},
        {"- type: a\n  text: x\n  line: 99999999999\n", 16, 9,
         "'line' is too large"},
    };

    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        struct gl_buf b = {0};
        struct gl_annfile *f = NULL;
        struct gl_err err = {0};
        int rc;

        gl_buf_puts(&b, head);
        gl_buf_puts(&b, cases[i].ann);
        rc = gl_annfile_parse(b.p, b.len, "e.yaml", &f, &err);
        CHECKF(rc == GL_ESCHEMA && !f, "case %zu: rc %d", i, rc);
        CHECKF(err.line == cases[i].line && err.col == cases[i].col,
               "case %zu: at %lu:%lu, want %lu:%lu (%s)", i, err.line,
               err.col, cases[i].line, cases[i].col, err.msg);
        CHECKF(strstr(err.msg, cases[i].msg) != NULL, "case %zu: '%s'", i,
               err.msg);
        gl_annfile_free(f);
        gl_buf_free(&b);
    }
}

/* YAML-level errors keep their position, without it in the message. */
static void test_yaml_errors(void)
{
    struct gl_annfile *f = NULL;
    struct gl_err err = {0};
    const char *y = "gloss: 1\ngloss: 2\n";

    CHECK(gl_annfile_parse(y, strlen(y), "d.yaml", &f, &err) == GL_EYAML);
    CHECK(err.line == 2 && err.col == 1);
    CHECKF(!strncmp(err.msg, "duplicate key 'gloss'", 21), "%s", err.msg);
    CHECK(gl_annfile_parse("", 0, "e.yaml", &f, &err) == GL_ESCHEMA);
    CHECK(strstr(err.msg, "empty") != NULL && err.line == 0);
}

static void test_top_level_errors(void)
{
    static const struct {
        const char *from, *to, *msg;
    } cases[] = {
        {"gloss: 1\n", "gloss: 2\n", "schema version 2 is not supported"},
        {"  bom: false\n", "  bom: \"false\"\n", "'bom' must be true or false"},
        {"  newline: none\n", "  newline: unix\n", "'newline' must be one of"},
        {"  sha256: 0", "  sha256: X", "64 lowercase hexadecimal digits"},
        {"  lines: 1\n", "", "missing key 'lines' in 'article'"},
        {"  scripts: []\n", "  scripts: x\n", "'scripts' must be a list"},
        {"run:\n", "runs:\n", "unknown key 'runs' in the file (did you mean "
                              "'run'?)"},
    };

    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char *e = edit(head, cases[i].from, cases[i].to);
        struct gl_annfile *f = NULL;
        struct gl_err err = {0};

        CHECKF(gl_annfile_parse(e, strlen(e), "t.yaml", &f, &err) ==
                   GL_ESCHEMA && strstr(err.msg, cases[i].msg),
               "case %zu: '%s'", i, err.msg);
        CHECKF(err.line > 0, "case %zu: no line", i);
        gl_annfile_free(f);
        free(e);
    }
}

int main(void)
{
    RUN(test_reads_gloss_output);
    RUN(test_reemits_identical_bytes);
    RUN(test_edited_detection);
    RUN(test_edited_without_article);
    RUN(test_hand_added);
    RUN(test_schema_errors);
    RUN(test_yaml_errors);
    RUN(test_top_level_errors);
    return check_done();
}

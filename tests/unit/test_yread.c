/* test_yread.c - unit tests of the strict YAML reader (core/yread.c):
 * what it accepts, what it refuses, and where it says the problem is. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "check.h"
#include "util.h"
#include "yread.h"

static const char gloss_file[] =
    "gloss: 1\n"
    "article:\n"
    "  path: \"annotations/examples/x.txt\"\n"
    "  bytes: 12\n"
    "  bom: false\n"
    "run:\n"
    "  gloss: 0.1.0\n"
    "  scripts: [\"preset:quotes\", \"my/script.lua\"]\n"
    "annotations:\n"
    "- id: 1\n"
    "  type: claim\n"
    "  text: \"said \\\"no\\\"\\r\\n\"\n"
    "  attrs:\n"
    "    kind: direct\n"
    "    tags: [a, b]\n"
    "  links:\n"
    "    source: 2\n"
    "  review: pending\n"
    "- id: 2\n"
    "  type: person\n"
    "  text: \"\"\n";

static int scalar_is(const struct gl_ynode *n, const char *s, int plain)
{
    return n && n->kind == GL_Y_SCALAR && n->len == strlen(s) &&
           memcmp(n->str, s, n->len) == 0 && n->str[n->len] == '\0' &&
           n->plain == plain;
}

static void test_accepts_gloss_file(void)
{
    struct gl_ynode *root = NULL;
    struct gl_err err = {0};
    const struct gl_ynode *art, *run, *anns, *a1, *a2, *tags;

    CHECK(gl_yaml_read(gloss_file, strlen(gloss_file), "x.yaml", &root,
                       &err) == GL_OK);
    CHECK(root && root->kind == GL_Y_MAP && root->n == 8);
    CHECK(root->line == 1 && root->col == 1);
    CHECK(scalar_is(gl_ymap_get(root, "gloss"), "1", 1));
    art = gl_ymap_get(root, "article");
    CHECK(art && art->kind == GL_Y_MAP && art->line == 3 && art->col == 3);
    CHECK(scalar_is(gl_ymap_get(art, "path"), "annotations/examples/x.txt",
                    0));
    CHECK(scalar_is(gl_ymap_get(art, "bom"), "false", 1));
    run = gl_ymap_get(root, "run");
    CHECK(scalar_is(gl_ymap_get(run, "gloss"), "0.1.0", 1));
    CHECK(gl_ymap_get(run, "scripts")->kind == GL_Y_SEQ);
    CHECK(gl_ymap_get(run, "scripts")->n == 2);
    CHECK(scalar_is(gl_ymap_get(run, "scripts")->items[1], "my/script.lua",
                    0));
    anns = gl_ymap_get(root, "annotations");
    CHECK(anns && anns->kind == GL_Y_SEQ && anns->n == 2);
    if (anns && anns->n == 2) {
        a1 = anns->items[0];
        a2 = anns->items[1];
        CHECK(a1->line == 10 && a1->col == 3);
        CHECK(scalar_is(gl_ymap_get(a1, "text"), "said \"no\"\r\n", 0));
        tags = gl_ymap_get(gl_ymap_get(a1, "attrs"), "tags");
        CHECK(tags && tags->kind == GL_Y_SEQ && tags->n == 2 &&
              scalar_is(tags->items[0], "a", 1));
        CHECK(tags && tags->items[1]->line == 15 &&
              tags->items[1]->col == 15);
        CHECK(scalar_is(gl_ymap_get(gl_ymap_get(a1, "links"), "source"), "2",
                        1));
        CHECK(scalar_is(gl_ymap_get(a2, "text"), "", 0));
        CHECK(gl_ymap_get(a2, "attrs") == NULL);
    }
    CHECK(gl_ymap_get(root, "missing") == NULL);
    CHECK(gl_ymap_get(gl_ymap_get(root, "gloss"), "x") == NULL);
    gl_ynode_free(root);
}

static void test_empty_stream(void)
{
    static const char *const in[] = {"", "# only a comment\n", "\n\n",
                                     "\xEF\xBB\xBF"};
    for (size_t i = 0; i < sizeof in / sizeof *in; i++) {
        struct gl_ynode *root = (struct gl_ynode *)1;
        struct gl_err err = {0};
        CHECKF(gl_yaml_read(in[i], strlen(in[i]), "e", &root, &err) == GL_OK,
               "%zu: %s", i, err.msg);
        CHECK(root == NULL);
    }
    {
        struct gl_ynode *root = (struct gl_ynode *)1;
        CHECK(gl_yaml_read(NULL, 0, "e", &root, NULL) == GL_OK && !root);
    }
}

static void test_bom_and_nul_escape(void)
{
    static const char in[] = "\xEF\xBB\xBF" "a: 1\nb: \"x\\0y\"\n";
    struct gl_ynode *root = NULL;
    struct gl_err err = {0};
    const struct gl_ynode *b;

    CHECKF(gl_yaml_read(in, sizeof in - 1, "b", &root, &err) == GL_OK, "%s",
           err.msg);
    b = gl_ymap_get(root, "b");
    CHECK(b && b->len == 3 && memcmp(b->str, "x\0y", 3) == 0);
    CHECK(b && b->line == 2 && b->col == 4);
    gl_ynode_free(root);
}

static void test_depth_64_accepted(void)
{
    struct gl_buf b = {0};
    struct gl_ynode *root = NULL, *n;
    struct gl_err err = {0};
    int depth = 0;

    for (int i = 0; i < GL_YAML_MAX_DEPTH; i++) gl_buf_putc(&b, '[');
    for (int i = 0; i < GL_YAML_MAX_DEPTH; i++) gl_buf_putc(&b, ']');
    CHECKF(gl_yaml_read(b.p, b.len, "d", &root, &err) == GL_OK, "%s",
           err.msg);
    for (n = root; n; n = n->n ? n->items[0] : NULL) depth++;
    CHECK(depth == GL_YAML_MAX_DEPTH);
    gl_ynode_free(root);
    gl_buf_free(&b);
}

struct bad {
    const char *name;
    const char *in;
    unsigned long line, col;
    size_t offset;
    const char *msg;
};

static const struct bad bads[] = {
    {"alias", "a: 1\nb: *x\n", 2, 4, 8,
     "line 2, column 4: anchors and aliases are not allowed (*x)"},
    {"anchor", "a: &x 1\nb: 2\n", 1, 4, 3,
     "anchors and aliases are not allowed (&x)"},
    {"anchor on a map", "- &m\n  a: 1\n", 1, 3, 2,
     "anchors and aliases are not allowed"},
    {"core tag", "a: !!str 1\n", 1, 4, 3,
     "line 1, column 4: explicit tags are not allowed (!!str)"},
    {"local tag", "- x\n- !foo y\n", 2, 3, 6,
     "explicit tags are not allowed (!foo)"},
    {"duplicate key", "a: 1\nb: 2\na: 3\n", 3, 1, 10,
     "line 3, column 1: duplicate key 'a' (first at line 1)"},
    {"duplicate nested key", "x:\n  k: 1\n  j: 2\n  j: 3\n  k: 4\n", 4, 3, 19,
     "duplicate key 'j' (first at line 3)"},
    {"duplicate quoted key", "\"a b\": 1\n'a b': 2\n", 2, 1, 9,
     "duplicate key 'a b' (first at line 1)"},
    {"two documents", "a: 1\n---\nb: 2\n", 2, 1, 5,
     "line 2, column 1: only one YAML document is allowed"},
    {"sequence key", "? [a]\n: 1\n", 1, 3, 2,
     "a mapping key must be a single value (a scalar), not a sequence"},
    {"mapping key", "{{a: 1}: 2}\n", 1, 2, 1,
     "a mapping key must be a single value (a scalar), not a mapping"},
    {"truncated", "a:\n  b: \"abc\n", 3, 1, 13,
     "line 3, column 1: found unexpected end of stream (while scanning a "
     "quoted scalar at line 2, column 6)"},
    {"tab indent", "a:\n\tb: 1\n", 2, 1, 3,
     "line 2, column 1: found character that cannot start any token"},
    {"bad mapping", "k: \xC3\xA9: c\n", 1, 5, 5,
     "line 1, column 5: mapping values are not allowed in this context"},
    {"invalid UTF-8", "a: 1\nb: x\xC3\x28\n", 2, 5, 9,
     "line 2, column 5: invalid UTF-8 (byte offset 9)"},
    {"surrogate", "t: \"\xC3\xA9\xE2\x80\x94\xED\xA0\x80\"\n", 1, 7, 9,
     "line 1, column 7: invalid UTF-8 (byte offset 9)"},
    {"invalid UTF-8 after CRLF", "a: 1\r\n\xC3\xA9\xFF: 2\r\n", 2, 2, 8,
     "invalid UTF-8 (byte offset 8)"},
    {"control character", "a: \"\x01\"\n", 1, 5, 4,
     "line 1, column 5: control characters are not allowed"},
    {"billion laughs",
     "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
     "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
     "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
     "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n",
     1, 4, 3, "line 1, column 4: anchors and aliases are not allowed (&a)"},
};

static void test_rejections(void)
{
    for (size_t i = 0; i < sizeof bads / sizeof *bads; i++) {
        const struct bad *b = &bads[i];
        struct gl_ynode *root = (struct gl_ynode *)1;
        struct gl_err err = {0};
        int rc = gl_yaml_read(b->in, strlen(b->in), "f", &root, &err);

        CHECKF(rc == GL_EYAML && err.code == GL_EYAML, "%s: rc %d", b->name,
               rc);
        CHECKF(root == NULL, "%s", b->name);
        CHECKF(err.line == b->line && err.col == b->col,
               "%s: at %lu:%lu, want %lu:%lu", b->name, err.line, err.col,
               b->line, b->col);
        CHECKF(err.offset == b->offset, "%s: offset %zu, want %zu", b->name,
               err.offset, b->offset);
        CHECKF(strstr(err.msg, b->msg) != NULL, "%s: message '%s'", b->name,
               err.msg);
    }
}

static void test_depth_65_flow(void)
{
    struct gl_buf b = {0};
    struct gl_ynode *root = (struct gl_ynode *)1;
    struct gl_err err = {0};

    for (int i = 0; i <= GL_YAML_MAX_DEPTH; i++) gl_buf_putc(&b, '[');
    for (int i = 0; i <= GL_YAML_MAX_DEPTH; i++) gl_buf_putc(&b, ']');
    CHECK(gl_yaml_read(b.p, b.len, "d", &root, &err) == GL_EYAML);
    CHECK(root == NULL);
    CHECK(err.line == 1 && err.col == GL_YAML_MAX_DEPTH + 1);
    CHECKF(strstr(err.msg, "nesting is deeper than 64 levels"), "%s",
           err.msg);
    gl_buf_free(&b);
}

static void test_depth_65_maps(void)
{
    struct gl_buf b = {0};
    struct gl_ynode *root = (struct gl_ynode *)1;
    struct gl_err err = {0};
    int levels = GL_YAML_MAX_DEPTH + 1;

    /* line i (1-based) holds key k<i> indented 2*(i-1); the mapping on
     * line i is level i */
    for (int i = 0; i < levels; i++) {
        for (int s = 0; s < 2 * i; s++) gl_buf_putc(&b, ' ');
        gl_buf_printf(&b, "k%d:%s", i, i == levels - 1 ? " leaf\n" : "\n");
    }
    CHECK(gl_yaml_read(b.p, b.len, "d", &root, &err) == GL_EYAML);
    CHECK(root == NULL);
    CHECKF(err.line == (unsigned long)levels &&
           err.col == (unsigned long)(2 * (levels - 1) + 1),
           "at %lu:%lu", err.line, err.col);
    CHECKF(strstr(err.msg, "nesting is deeper than 64 levels"), "%s",
           err.msg);
    /* one level less is fine */
    {
        struct gl_buf c = {0};
        struct gl_ynode *r2 = NULL;
        for (int i = 1; i < levels; i++) {
            for (int s = 0; s < 2 * (i - 1); s++) gl_buf_putc(&c, ' ');
            gl_buf_printf(&c, "k%d:%s", i, i == levels - 1 ? " leaf\n" : "\n");
        }
        CHECKF(gl_yaml_read(c.p, c.len, "d", &r2, &err) == GL_OK, "%s",
               err.msg);
        gl_ynode_free(r2);
        gl_buf_free(&c);
    }
    gl_buf_free(&b);
}

static void test_million_deep_is_quick(void)
{
    size_t n = 1000000;
    char *buf = xmalloc(n);
    struct gl_ynode *root = (struct gl_ynode *)1;
    struct gl_err err = {0};
    clock_t t0 = clock();
    double secs;

    memset(buf, '[', n);
    CHECK(gl_yaml_read(buf, n, "deep", &root, &err) == GL_EYAML);
    secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
    CHECK(root == NULL);
    CHECK(err.line == 1 && err.col == GL_YAML_MAX_DEPTH + 1);
    CHECKF(strstr(err.msg, "nesting is deeper"), "%s", err.msg);
    /* stopping at level 65 means reading ~1 KB, not the megabyte */
    CHECKF(secs < 0.5, "took %.3f s", secs);
    free(buf);
}

static void test_too_big(void)
{
    /* the size check comes before any byte is read */
    static const char small[4] = {'a', ':', ' ', '1'};
    struct gl_ynode *root = (struct gl_ynode *)1;
    struct gl_err err = {0};

    CHECK(gl_yaml_read(small, GL_YAML_MAX_BYTES + 1, "big", &root, &err) ==
          GL_EYAML);
    CHECK(root == NULL);
    CHECKF(strstr(err.msg, "larger than 64 MiB"), "%s", err.msg);
}

static void test_duplicates_in_big_map(void)
{
    struct gl_buf b = {0};
    struct gl_ynode *root = NULL;
    struct gl_err err = {0};

    for (int i = 0; i < 5000; i++) gl_buf_printf(&b, "key%d: %d\n", i, i);
    CHECK(gl_yaml_read(b.p, b.len, "m", &root, &err) == GL_OK);
    CHECK(root && root->n == 10000);
    CHECK(scalar_is(gl_ymap_get(root, "key4321"), "4321", 1));
    gl_ynode_free(root);
    root = (struct gl_ynode *)1;
    gl_buf_printf(&b, "key77: again\nkey12: again\n");
    CHECK(gl_yaml_read(b.p, b.len, "m", &root, &err) == GL_EYAML);
    CHECK(root == NULL);
    CHECKF(strstr(err.msg, "line 5001, column 1: duplicate key 'key77' "
                           "(first at line 78)"), "%s", err.msg);
    gl_buf_free(&b);
}

int main(void)
{
    RUN(test_accepts_gloss_file);
    RUN(test_empty_stream);
    RUN(test_bom_and_nul_escape);
    RUN(test_depth_64_accepted);
    RUN(test_rejections);
    RUN(test_depth_65_flow);
    RUN(test_depth_65_maps);
    RUN(test_million_deep_is_quick);
    RUN(test_too_big);
    RUN(test_duplicates_in_big_map);
    return check_done();
}

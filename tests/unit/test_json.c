/* test_json.c - unit tests of the strict JSON reader (core/json.c): what it
 * accepts and how it decodes it, what it refuses and where it says the
 * problem is, and reading several values from one buffer. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "json.h"
#include "util.h"

static struct gl_jnode *parse_ok(const char *s)
{
    struct gl_jnode *n = NULL;
    struct gl_err err = {0};
    int rc = gl_json_read(s, strlen(s), "t", &n, &err);

    CHECKF(rc == GL_OK, "'%s': %s", s, err.msg);
    return n;
}

static void test_scalars(void)
{
    static const struct {
        const char *in;
        enum gl_jkind kind;
    } t[] = {
        {"null", GL_J_NULL},   {" true ", GL_J_TRUE}, {"false", GL_J_FALSE},
        {"\"\"", GL_J_STRING}, {"0", GL_J_NUMBER},    {"[]", GL_J_ARRAY},
        {"{}", GL_J_OBJECT},   {"\n\t[ ]\r\n", GL_J_ARRAY},
    };

    for (size_t i = 0; i < sizeof t / sizeof *t; i++) {
        struct gl_jnode *n = parse_ok(t[i].in);
        CHECKF(n && n->kind == t[i].kind, "'%s'", t[i].in);
        gl_json_free(n);
    }
    CHECK(strcmp(gl_json_kind_name(GL_J_ARRAY), "an array") == 0);
    CHECK(strcmp(gl_json_kind_name(GL_J_TRUE), "a boolean") == 0);
}

static void test_numbers(void)
{
    static const struct {
        const char *in;
        double num;
        int is_int;
        long long i;
    } t[] = {
        {"0", 0, 1, 0},
        {"-0", 0, 1, 0},
        {"42", 42, 1, 42},
        {"-17", -17, 1, -17},
        {"9223372036854775807", 9223372036854775807.0, 1, 9223372036854775807LL},
        {"-9223372036854775808", -9223372036854775808.0, 1, -9223372036854775807LL - 1},
        {"9223372036854775808", 9223372036854775808.0, 0, 0},
        {"3.5", 3.5, 0, 0},
        {"0.1", 0.1, 0, 0},
        {"-2.25e2", -225, 0, 0},
        {"1E3", 1000, 0, 0},
        {"1e-3", 0.001, 0, 0},
        {"12.5E+1", 125, 0, 0},
        {"0.000001", 1e-6, 0, 0},
        {"123456789012345678901234567890", 1.2345678901234568e29, 0, 0},
        {"1e-400", 0, 0, 0},
    };

    for (size_t i = 0; i < sizeof t / sizeof *t; i++) {
        struct gl_jnode *n = parse_ok(t[i].in);
        if (!n) continue;
        CHECKF(n->kind == GL_J_NUMBER, "'%s'", t[i].in);
        CHECKF(n->is_int == t[i].is_int, "'%s' is_int %d", t[i].in,
               n->is_int);
        if (t[i].is_int) CHECKF(n->i == t[i].i, "'%s' i", t[i].in);
        CHECKF(n->num == t[i].num ||
                   fabs(n->num - t[i].num) <= fabs(t[i].num) * 1e-15,
               "'%s' gave %.17g", t[i].in, n->num);
        gl_json_free(n);
    }
}

static void test_string_escapes(void)
{
    static const struct {
        const char *in, *out;
        size_t len;
    } t[] = {
        {"\"abc\"", "abc", 3},
        {"\"a\\\"b\\\\c\\/d\"", "a\"b\\c/d", 7},
        {"\"\\b\\f\\n\\r\\t\"", "\b\f\n\r\t", 5},
        {"\"\\u0041\\u00e9\"", "A\xc3\xa9", 3},
        {"\"\\u20AC\"", "\xe2\x82\xac", 3},
        {"\"\\ud83d\\ude00\"", "\xf0\x9f\x98\x80", 4},  /* surrogate pair */
        {"\"\\uD834\\uDD1E\"", "\xf0\x9d\x84\x9e", 4},
        {"\"x\\u0000y\"", "x\0y", 3},
        {"\"caf\xc3\xa9 \xd8\xa8\"", "caf\xc3\xa9 \xd8\xa8", 8},
    };

    for (size_t i = 0; i < sizeof t / sizeof *t; i++) {
        struct gl_jnode *n = parse_ok(t[i].in);
        if (!n) continue;
        CHECKF(n->kind == GL_J_STRING && n->len == t[i].len &&
                   memcmp(n->str, t[i].out, t[i].len) == 0 &&
                   n->str[n->len] == '\0',
               "'%s' len %zu", t[i].in, n->len);
        gl_json_free(n);
    }
}

static void test_structure(void)
{
    const char *s = "{\"id\": \"E1\", \"spans\": [[1, 5], [7, 9]],\n"
                    " \"ok\": true, \"note\": null, \"k\": {\"x\": -1.5}}";
    struct gl_jnode *n = parse_ok(s);
    const struct gl_jnode *spans, *k;

    if (!n) return;
    CHECK(n->kind == GL_J_OBJECT && n->n == 10);
    CHECK(strcmp(gl_jobj_get(n, "id")->str, "E1") == 0);
    spans = gl_jobj_get(n, "spans");
    CHECK(spans && spans->kind == GL_J_ARRAY && spans->n == 2);
    CHECK(spans->items[1]->n == 2 && spans->items[1]->items[0]->i == 7);
    CHECK(gl_jobj_get(n, "ok")->kind == GL_J_TRUE);
    CHECK(gl_jobj_get(n, "note")->kind == GL_J_NULL);
    k = gl_jobj_get(n, "k");
    CHECK(k && gl_jobj_get(k, "x")->num == -1.5);
    CHECK(gl_jobj_get(n, "missing") == NULL);
    CHECK(gl_jobj_get(spans, "id") == NULL); /* not an object */
    CHECK(n->items[0]->offset == 1);          /* the key "id" */
    CHECK(gl_jobj_get(n, "ok")->offset == 47);
    gl_json_free(n);
}

/* Refusals: input, expected code, line, col. */
static void test_refusals(void)
{
    static const struct {
        const char *in;
        int code;
        unsigned long line, col;
        const char *msg;
    } t[] = {
        {"", GL_EFORMAT, 1, 1, "end of the input"},
        {"   ", GL_EFORMAT, 1, 4, "expected a value"},
        {"[1,]", GL_EFORMAT, 1, 4, "trailing comma"},
        {"{\"a\":1,}", GL_EFORMAT, 1, 8, "trailing comma"},
        {"[1 2]", GL_EFORMAT, 1, 4, "expected ','"},
        {"{\"a\" 1}", GL_EFORMAT, 1, 6, "expected ':'"},
        {"{a:1}", GL_EFORMAT, 1, 2, "key string"},
        {"['x']", GL_EFORMAT, 1, 2, "single quote"},
        {"[1] // c", GL_EFORMAT, 1, 5, "text after"},
        {"01", GL_EFORMAT, 1, 1, "leading zero"},
        {"+1", GL_EFORMAT, 1, 1, "expected a value"},
        {"1.", GL_EFORMAT, 1, 3, "after '.'"},
        {".5", GL_EFORMAT, 1, 1, "expected a value"},
        {"1e", GL_EFORMAT, 1, 3, "exponent"},
        {"1e999", GL_EFORMAT, 1, 1, "out of range"},
        {"NaN", GL_EFORMAT, 1, 1, "expected a value"},
        {"tru", GL_EFORMAT, 1, 1, "expected a value"},
        {"\"abc", GL_EFORMAT, 1, 1, "unterminated"},
        {"\"a\tb\"", GL_EFORMAT, 1, 3, "control character"},
        {"\"\\x41\"", GL_EFORMAT, 1, 2, "unknown escape"},
        {"\"\\u12G4\"", GL_EFORMAT, 1, 6, "hex digits"},
        {"\"\\udc00\"", GL_EFORMAT, 1, 2, "lone low surrogate"},
        {"\"\\ud800\"", GL_EFORMAT, 1, 2, "high surrogate"},
        {"\"\\ud800\\u0041\"", GL_EFORMAT, 1, 2, "high surrogate"},
        {"\"\xc3\"", GL_EFORMAT, 1, 2, "invalid UTF-8"},
        {"\"\xed\xa0\x80\"", GL_EFORMAT, 1, 2, "invalid UTF-8"},
        {"{\"a\":1,\n \"b\":2,\n \"a\":3}", GL_EFORMAT, 3, 2,
         "duplicate key \"a\""},
        {"[\n\"\xc3\xa9\xc3\xa9\", x]", GL_EFORMAT, 2, 7, "expected a value"},
        {"\xef\xbb\xbf{}", GL_EFORMAT, 1, 1, "expected a value"},
    };

    for (size_t i = 0; i < sizeof t / sizeof *t; i++) {
        struct gl_jnode *n = (struct gl_jnode *)1;
        struct gl_err err = {0};
        int rc = gl_json_read(t[i].in, strlen(t[i].in), "t", &n, &err);

        CHECKF(rc == t[i].code && n == NULL, "'%s' rc %d", t[i].in, rc);
        CHECKF(err.line == t[i].line && err.col == t[i].col,
               "'%s' at %lu:%lu, want %lu:%lu (%s)", t[i].in, err.line,
               err.col, t[i].line, t[i].col, err.msg);
        CHECKF(strstr(err.msg, t[i].msg) != NULL, "'%s': message '%s'",
               t[i].in, err.msg);
    }
}

static void test_duplicate_key_in_big_object(void)
{
    struct gl_buf b = {0};
    struct gl_jnode *n = NULL;
    struct gl_err err = {0};

    gl_buf_putc(&b, '{');
    for (int i = 0; i < 100; i++)
        gl_buf_printf(&b, "%s\"k%d\":%d", i ? "," : "", i, i);
    gl_buf_putc(&b, '}');
    CHECK(gl_json_read(b.p, b.len, "t", &n, &err) == GL_OK);
    gl_json_free(n);
    b.len--;
    gl_buf_puts(&b, ",\"k7\":0,\"k3\":0}");
    n = NULL;
    CHECK(gl_json_read(b.p, b.len, "t", &n, &err) == GL_EFORMAT && !n);
    CHECKF(strstr(err.msg, "duplicate key \"k7\"") != NULL, "%s", err.msg);
    gl_buf_free(&b);
}

static void test_depth_limit(void)
{
    struct gl_buf b = {0};
    struct gl_jnode *n = NULL;
    struct gl_err err = {0};
    int d;

    for (d = 0; d < GL_JSON_MAX_DEPTH; d++) gl_buf_putc(&b, '[');
    for (d = 0; d < GL_JSON_MAX_DEPTH; d++) gl_buf_putc(&b, ']');
    CHECK(gl_json_read(b.p, b.len, "t", &n, &err) == GL_OK);
    gl_json_free(n);
    b.len = 0;
    for (d = 0; d <= GL_JSON_MAX_DEPTH; d++) gl_buf_putc(&b, '[');
    for (d = 0; d <= GL_JSON_MAX_DEPTH; d++) gl_buf_putc(&b, ']');
    n = NULL;
    CHECK(gl_json_read(b.p, b.len, "t", &n, &err) == GL_ETOOBIG && !n);
    CHECK(strstr(err.msg, "deep") != NULL);
    gl_buf_free(&b);
}

/* JSON Lines: values one after another; *pos says where each ended. */
static void test_several_values(void)
{
    const char *s = "{\"a\":1}\n[2, 3]\n  \"x\" 4\n";
    size_t pos = 0, len = strlen(s);
    struct gl_jnode *n;
    struct gl_err err = {0};
    size_t ends[] = {7, 14, 20, 22};
    enum gl_jkind kinds[] = {GL_J_OBJECT, GL_J_ARRAY, GL_J_STRING,
                             GL_J_NUMBER};

    for (int i = 0; i < 4; i++) {
        n = NULL;
        CHECK(gl_json_parse(s, len, &pos, "t", &n, &err) == GL_OK);
        CHECKF(pos == ends[i], "value %d ended at %zu", i, pos);
        CHECK(n && n->kind == kinds[i]);
        gl_json_free(n);
    }
    n = NULL;
    CHECK(gl_json_parse(s, len, &pos, "t", &n, &err) == GL_EFORMAT);
    CHECK(err.line == 4 && err.col == 1 && pos == 22);
    /* an error in a later value reports its line in the whole buffer */
    pos = 0;
    s = "1\n2\n[3,,]\n";
    for (int i = 0; i < 2; i++) {
        CHECK(gl_json_parse(s, strlen(s), &pos, "t", &n, &err) == GL_OK);
        gl_json_free(n);
    }
    CHECK(gl_json_parse(s, strlen(s), &pos, "t", &n, &err) == GL_EFORMAT);
    CHECKF(err.line == 3 && err.col == 4, "%lu:%lu", err.line, err.col);
}

static void test_linecol(void)
{
    const char *s = "ab\r\ncd\re\xc3\xa9" "f\ng";
    unsigned long l, c;

    gl_json_linecol(s, strlen(s), 0, &l, &c);
    CHECK(l == 1 && c == 1);
    gl_json_linecol(s, strlen(s), 5, &l, &c);
    CHECK(l == 2 && c == 2);
    gl_json_linecol(s, strlen(s), 10, &l, &c); /* 'f' after é */
    CHECKF(l == 3 && c == 3, "%lu:%lu", l, c);
    gl_json_linecol(s, strlen(s), 12, &l, &c);
    CHECK(l == 4 && c == 1);
}

static void test_load_file(void)
{
    char path[] = "/tmp/gloss-test-json-XXXXXX";
    struct gl_jnode *n = NULL;
    struct gl_err err = {0};
    FILE *f;
    int fd = mkstemp(path);

    CHECK(fd >= 0);
    if (fd < 0) return;
    f = fdopen(fd, "w");
    fputs("{\"entities\": [{\"type\": \"PER\", \"start\": 0}]}\n", f);
    fclose(f);
    CHECK(gl_json_load(path, &n, &err) == GL_OK);
    CHECK(n && gl_jobj_get(n, "entities")->n == 1);
    gl_json_free(n);
    remove(path);
    n = NULL;
    CHECK(gl_json_load(path, &n, &err) == GL_EIO && !n);
    CHECK(gl_json_load("/tmp", &n, &err) == GL_EIO);
    CHECK(strstr(err.msg, "directory") != NULL);
}

int main(void)
{
    RUN(test_scalars);
    RUN(test_numbers);
    RUN(test_string_escapes);
    RUN(test_structure);
    RUN(test_refusals);
    RUN(test_duplicate_key_in_big_object);
    RUN(test_depth_limit);
    RUN(test_several_values);
    RUN(test_linecol);
    RUN(test_load_file);
    return check_done();
}

/* test_doc.c - unit tests of core/doc.c: loading from memory, files and
 * pipes, the BOM, newline kinds and the line index, load errors (NUL,
 * invalid UTF-8, directory, missing file, size), and the offset indexes
 * checked against naive scans at every position. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"
#include "doc.h"

#define S(lit) lit, sizeof(lit) - 1

static struct gl_doc *mem(const char *s, size_t len)
{
    struct gl_err err;
    memset(&err, 0, sizeof err);
    struct gl_doc *d = gl_doc_from_memory(s, len, "mem", &err);
    if (!d) printf("#   load failed: %s\n", err.msg);
    return d;
}

/* Write s to a fresh temp file; returns its path in buf. */
static int temp_file(const char *s, size_t len, char buf[64])
{
    strcpy(buf, "/tmp/gloss-test-doc-XXXXXX");
    int fd = mkstemp(buf);
    if (fd < 0) return -1;
    if (write(fd, s, len) != (ssize_t)len) {
        close(fd);
        return -1;
    }
    return close(fd);
}

static void test_from_memory(void)
{
    static const char text[] = "Hello, world.\nSecond line.";
    char hex[65];
    struct gl_doc *d = mem(S(text));

    CHECK(d != NULL);
    if (!d) return;
    CHECK(d->len == sizeof text - 1);
    CHECK(memcmp(d->bytes, text, d->len) == 0);
    CHECK(d->bytes[d->len] == '\0');
    CHECK(d->bytes != text); /* copied */
    CHECK(d->body == 0);
    CHECK(d->nchars == d->len);
    CHECK(d->newline == GL_NL_LF);
    CHECK(d->nlines == 2);
    CHECK(d->line_start[0] == 0 && d->line_start[1] == 14);
    CHECK(strcmp(d->name, "mem") == 0);
    gl_doc_sha256_hex(d, hex);
    CHECK(strcmp(hex, "3ae65ee61e5715bf283fbf42f5cd3c043a051e5fc96ab7cdf4"
                      "0c3e59facc0416") == 0);
    gl_doc_free(d);
    gl_doc_free(NULL);
}

static void test_load_file(void)
{
    static const char text[] = "Caf\xC3\xA9 \xE2\x80\x9Cquote\xE2\x80\x9D\r\n";
    char path[64], hex1[65], hex2[65];
    struct gl_err err;
    struct gl_doc *d, *m;

    CHECK(temp_file(S(text), path) == 0);
    d = gl_doc_load(path, &err);
    CHECK(d != NULL);
    if (d) {
        CHECK(d->len == sizeof text - 1);
        CHECK(memcmp(d->bytes, text, d->len) == 0);
        CHECK(strcmp(d->name, path) == 0);
        CHECK(d->newline == GL_NL_CRLF);
        CHECK(d->nlines == 2);
        CHECK(d->nchars == 14);
        m = mem(S(text));
        gl_doc_sha256_hex(d, hex1);
        gl_doc_sha256_hex(m, hex2);
        CHECK(strcmp(hex1, hex2) == 0);
        gl_doc_free(m);
    }
    gl_doc_free(d);
    unlink(path);
}

/* A pipe, read to EOF through growth of the buffer (no size known). */
static void test_load_pipe(void)
{
    enum { N = 300000 };
    int fds[2];
    char path[32];
    struct gl_err err;
    struct gl_doc *d;
    pid_t pid;

    CHECK(pipe(fds) == 0);
    pid = fork();
    if (pid == 0) {
        static char chunk[1000];
        close(fds[0]);
        for (int i = 0; i < 1000; i++) chunk[i] = (char)('a' + i % 26);
        for (int i = 0; i < N / 1000; i++)
            if (write(fds[1], chunk, sizeof chunk) != (ssize_t)sizeof chunk)
                _exit(1);
        _exit(0);
    }
    close(fds[1]);
    snprintf(path, sizeof path, "/dev/fd/%d", fds[0]);
    d = gl_doc_load(path, &err);
    close(fds[0]);
    waitpid(pid, NULL, 0);
    CHECK(d != NULL);
    if (!d) return;
    CHECK(d->len == N);
    CHECK(d->bytes[0] == 'a' && d->bytes[N - 1] == 'a' + (999 % 26));
    CHECK(d->nchars == N && d->nlines == 1 && d->newline == GL_NL_NONE);
    gl_doc_free(d);
}

static void test_bom(void)
{
    /* BOM, "Ab", e-acute, LF, "x" */
    static const char text[] = "\xEF\xBB\xBF" "Ab\xC3\xA9\nx";
    unsigned long line, col;
    struct gl_doc *d = mem(S(text));

    CHECK(d != NULL);
    if (!d) return;
    CHECK(d->body == 3);
    CHECK(d->len == sizeof text - 1); /* bytes stay as read */
    CHECK(memcmp(d->bytes, "\xEF\xBB\xBF", 3) == 0);
    CHECK(d->nchars == 6); /* the BOM counts as one */
    CHECK(gl_doc_cp(d, 0) == 0);
    CHECK(gl_doc_cp(d, 3) == 1);
    CHECK(gl_doc_cp(d, 5) == 3);
    CHECK(gl_doc_cp(d, 7) == 4);
    CHECK(gl_doc_byte(d, 0) == 0);
    CHECK(gl_doc_byte(d, 1) == 3);
    CHECK(gl_doc_byte(d, 4) == 7);
    /* line 1 starts after the BOM: the first letter is column 1 */
    CHECK(d->line_start[0] == 3);
    gl_doc_linecol(d, 3, &line, &col);
    CHECK(line == 1 && col == 1);
    gl_doc_linecol(d, 7, &line, &col);
    CHECK(line == 1 && col == 4);
    gl_doc_linecol(d, 8, &line, &col);
    CHECK(line == 2 && col == 1);
    gl_doc_linecol(d, 0, &line, &col);
    CHECK(line == 1 && col == 1);
    CHECK(!gl_doc_span_ok(d, 0, 3));
    CHECK(!gl_doc_span_ok(d, 0, 0));
    CHECK(!gl_doc_span_ok(d, 1, 4));
    CHECK(gl_doc_span_ok(d, 3, 3));
    CHECK(gl_doc_span_ok(d, 3, 9));
    gl_doc_free(d);

    /* a BOM elsewhere than at the start is text */
    d = mem(S("a\xEF\xBB\xBF"));
    CHECK(d && d->body == 0 && d->nchars == 2);
    gl_doc_free(d);
}

static const struct {
    const char *s;
    size_t len;
    enum gl_newline kind;
    size_t nlines;
    uint32_t starts[5];
} nl_cases[] = {
    {S(""), GL_NL_NONE, 1, {0}},
    {S("abc"), GL_NL_NONE, 1, {0}},
    {S("a\nb\n"), GL_NL_LF, 3, {0, 2, 4}},
    {S("\n\n"), GL_NL_LF, 3, {0, 1, 2}},
    {S("a\r\nb\r\n"), GL_NL_CRLF, 3, {0, 3, 6}},
    {S("\r\n"), GL_NL_CRLF, 2, {0, 2}},
    {S("a\rb\r"), GL_NL_CR, 3, {0, 2, 4}},
    {S("a\rb"), GL_NL_CR, 2, {0, 2}},
    {S("a\nb\r\nc\rd"), GL_NL_MIXED, 4, {0, 2, 5, 7}},
    {S("\r\r\n"), GL_NL_MIXED, 3, {0, 1, 3}},
    {S("\n\r"), GL_NL_MIXED, 3, {0, 1, 2}},
    {S("x\n\r\n"), GL_NL_MIXED, 3, {0, 2, 4}},
};

static void test_newlines(void)
{
    for (size_t c = 0; c < sizeof nl_cases / sizeof nl_cases[0]; c++) {
        struct gl_doc *d = mem(nl_cases[c].s, nl_cases[c].len);
        CHECK(d != NULL);
        if (!d) continue;
        CHECKF(d->newline == nl_cases[c].kind, "case %zu: kind %d", c,
               (int)d->newline);
        CHECKF(d->nlines == nl_cases[c].nlines, "case %zu: %zu lines", c,
               d->nlines);
        for (size_t i = 0; i < d->nlines && i < nl_cases[c].nlines; i++) {
            unsigned long line, col;
            CHECKF(d->line_start[i] == nl_cases[c].starts[i],
                   "case %zu line %zu", c, i + 1);
            gl_doc_linecol(d, d->line_start[i], &line, &col);
            CHECK(line == i + 1 && col == 1);
        }
        gl_doc_free(d);
    }
}

static void test_empty(void)
{
    unsigned long line, col;
    char hex[65];
    struct gl_doc *d = mem("", 0);

    CHECK(d != NULL);
    if (!d) return;
    CHECK(d->len == 0 && d->nchars == 0 && d->nlines == 1 && d->body == 0);
    CHECK(d->bytes != NULL && d->bytes[0] == '\0');
    CHECK(d->newline == GL_NL_NONE);
    CHECK(gl_doc_cp(d, 0) == 0);
    CHECK(gl_doc_byte(d, 0) == 0 && gl_doc_byte(d, 5) == 0);
    gl_doc_linecol(d, 0, &line, &col);
    CHECK(line == 1 && col == 1);
    CHECK(gl_doc_span_ok(d, 0, 0));
    CHECK(!gl_doc_span_ok(d, 0, 1));
    gl_doc_sha256_hex(d, hex);
    CHECK(strcmp(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca4"
                      "95991b7852b855") == 0);
    gl_doc_free(d);
}

/* Load errors: code, offset, line, col and a piece of the message. */
static const struct {
    const char *s;
    size_t len;
    int code;
    size_t offset;
    unsigned long line, col;
    const char *msg;
} err_cases[] = {
    {S("ab\ncd\0e"), GL_ENUL, 5, 2, 3, "NUL byte in article"},
    {S("\0"), GL_ENUL, 0, 1, 1, "NUL byte in article"},
    {S("\xC3\xA9\0"), GL_ENUL, 2, 1, 2, "NUL byte in article"},
    {S("a\r\n\xE2\x80\x9C\0"), GL_ENUL, 6, 2, 2, "NUL byte in article"},
    {S("ab\ncd\xC3("), GL_EUTF8, 5, 2, 3, "byte 0xC3 followed by 0x28"},
    {S("\xE2\x82"), GL_EUTF8, 0, 1, 1, "0xE2 cut short by the end"},
    {S("\xC3\xA9\r\nx\x80"), GL_EUTF8, 5, 2, 2, "continuation byte 0x80"},
    {S("a\rb\xED\xA0\x80"), GL_EUTF8, 3, 2, 2, "surrogate"},
    {S("x\n\n\xC0\x80"), GL_EUTF8, 3, 3, 1, "0xC0"},
    {S("\xF4\x90\x80\x80"), GL_EUTF8, 0, 1, 1, "above U+10FFFF"},
    {S("\xE0\x80\x80"), GL_EUTF8, 0, 1, 1, "overlong"},
    {S("\xEF\xBB\xBF" "ab\xFF"), GL_EUTF8, 5, 1, 3, "0xFF"},
    {S("\xEF\xBB"), GL_EUTF8, 0, 1, 1, "0xEF"},
    /* the first problem wins */
    {S("\0\xFF"), GL_ENUL, 0, 1, 1, "NUL"},
    {S("\xFF\0"), GL_EUTF8, 0, 1, 1, "0xFF"},
};

static void test_load_errors(void)
{
    for (size_t c = 0; c < sizeof err_cases / sizeof err_cases[0]; c++) {
        struct gl_err err;
        char path[64];
        struct gl_doc *d = gl_doc_from_memory(err_cases[c].s, err_cases[c].len,
                                              "mem", &err);
        CHECKF(d == NULL, "case %zu loaded", c);
        gl_doc_free(d);
        CHECKF(err.code == err_cases[c].code, "case %zu: code %d", c,
               err.code);
        CHECKF(err.offset == err_cases[c].offset, "case %zu: offset %zu", c,
               err.offset);
        CHECKF(err.line == err_cases[c].line && err.col == err_cases[c].col,
               "case %zu: %lu:%lu", c, err.line, err.col);
        CHECKF(strstr(err.msg, err_cases[c].msg) != NULL, "case %zu: %s", c,
               err.msg);
        /* the same through a file */
        CHECK(temp_file(err_cases[c].s, err_cases[c].len, path) == 0);
        memset(&err, 0, sizeof err);
        d = gl_doc_load(path, &err);
        CHECK(d == NULL);
        gl_doc_free(d);
        CHECK(err.code == err_cases[c].code);
        CHECK(err.offset == err_cases[c].offset);
        CHECK(err.line == err_cases[c].line && err.col == err_cases[c].col);
        unlink(path);
    }
    /* a NULL err is allowed */
    CHECK(gl_doc_from_memory(S("\xFF"), "mem", NULL) == NULL);
}

static void test_directory_and_missing(void)
{
    struct gl_err err;
    char want[300];
    const char *missing = "/tmp/gloss-test-doc-no-such-file";

    CHECK(gl_doc_load("/tmp", &err) == NULL);
    CHECK(err.code == GL_EIO);
    CHECK(strcmp(err.msg, "/tmp: is a directory") == 0);

    unlink(missing);
    CHECK(gl_doc_load(missing, &err) == NULL);
    CHECK(err.code == GL_EIO);
    snprintf(want, sizeof want, "%s: %s", missing, strerror(ENOENT));
    CHECKF(strcmp(err.msg, want) == 0, "%s", err.msg);
}

static void test_too_big(void)
{
    struct gl_err err;
    char path[64];
    FILE *f;

    /* checked before the bytes are touched */
    CHECK(gl_doc_from_memory("", GL_DOC_MAX_BYTES + 1, "big", &err) == NULL);
    CHECK(err.code == GL_ETOOBIG);

    /* a sparse file one byte over the limit, refused from its size */
    CHECK(temp_file("", 0, path) == 0);
    f = fopen(path, "r+");
    CHECK(f != NULL);
    if (!f) return;
    CHECK(ftruncate(fileno(f), (off_t)GL_DOC_MAX_BYTES + 1) == 0);
    fclose(f);
    CHECK(gl_doc_load(path, &err) == NULL);
    CHECK(err.code == GL_ETOOBIG);
    CHECK(strstr(err.msg, path) != NULL);
    unlink(path);
}

static void test_span_ok(void)
{
    static const struct {
        size_t start, end;
        int ok;
    } cases[] = {
        {0, 0, 1}, {0, 1, 1}, {1, 3, 1}, {0, 4, 1}, {4, 4, 1}, {3, 4, 1},
        {1, 2, 0}, /* end inside e-acute */
        {2, 3, 0}, /* start inside e-acute */
        {0, 5, 0}, /* end > len */
        {5, 5, 0}, {3, 1, 0}, /* start > end */
    };
    struct gl_doc *d = mem(S("a\xC3\xA9" "b"));

    CHECK(d != NULL);
    if (!d) return;
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++)
        CHECKF(gl_doc_span_ok(d, cases[c].start, cases[c].end) == cases[c].ok,
               "[%zu,%zu)", cases[c].start, cases[c].end);
    gl_doc_free(d);
}

/* Naive references: scan from the start every time. */
static size_t ref_cp(const char *s, size_t byte)
{
    size_t n = 0;
    for (size_t i = 0; i < byte; i++) n += (s[i] & 0xC0) != 0x80;
    return n;
}

static size_t ref_byte(const char *s, size_t len, size_t cp)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        if ((s[i] & 0xC0) != 0x80 && n++ == cp) return i;
    return len;
}

static void ref_linecol(const char *s, size_t len, size_t body, size_t byte,
                        unsigned long *line, unsigned long *col)
{
    size_t ls = body;
    *line = 1;
    for (size_t i = body; i < byte; i++) {
        int cr = s[i] == '\r' && (i + 1 == len || s[i + 1] != '\n');
        if (s[i] == '\n' || cr) {
            ++*line;
            ls = i + 1;
        }
    }
    *col = ref_cp(s, byte) - ref_cp(s, ls) + 1;
}

static void check_indexes(const char *text, size_t len)
{
    struct gl_doc *d = mem(text, len);
    unsigned long bad = 0;

    CHECK(d != NULL);
    if (!d) return;
    CHECK(len > 8 * GL_CP_BLOCK);
    CHECK(d->nchars == ref_cp(text, len));
    for (size_t b = 0; b <= len; b++) {
        unsigned long l1, c1, l2, c2;
        if (b < len && (text[b] & 0xC0) == 0x80) continue;
        size_t cp = gl_doc_cp(d, b);
        if (cp != ref_cp(text, b) && bad++ < 5)
            CHECKF(0, "cp at byte %zu: %zu", b, cp);
        if (gl_doc_byte(d, cp) != b && bad++ < 5)
            CHECKF(0, "byte of cp %zu: %zu, want %zu", cp,
                   gl_doc_byte(d, cp), b);
        if (b < d->body) continue;
        gl_doc_linecol(d, b, &l1, &c1);
        ref_linecol(text, len, d->body, b, &l2, &c2);
        if ((l1 != l2 || c1 != c2) && bad++ < 5)
            CHECKF(0, "byte %zu: %lu:%lu want %lu:%lu", b, l1, c1, l2, c2);
    }
    for (size_t cp = 0; cp <= d->nchars + 2; cp++)
        if (gl_doc_byte(d, cp) != ref_byte(text, len, cp) && bad++ < 5)
            CHECKF(0, "cp %zu", cp);
    CHECK(bad == 0);
    gl_doc_free(d);
}

/* Arabic, emoji (with a skin-tone modifier), combining marks, CJK, Greek,
 * CRLF, lone CR and LF, repeated over many GL_CP_BLOCKs; with and without
 * a BOM, and shifted by one byte so characters straddle block edges
 * differently. */
static void test_index_property(void)
{
    static const char *pieces[] = {
        "\xD9\x82\xD8\xA7\xD9\x84 \xD8\xA7\xD9\x84\xD9\x85\xD8\xAA\xD8\xAD"
        "\xD8\xAF\xD8\xAB: ",
        "\xE2\x80\x9C" "Caf\x65\xCC\x81 \xF0\x9F\x98\x80\xF0\x9F\x91\x8D"
        "\xF0\x9F\x8F\xBD\xE2\x80\x9D",
        "\r\n",
        "\xE4\xB8\xAD\xE6\x96\x87 \xCE\xA3\xCF\x89\xCE\xBA\xCF\x81\xCE\xAC"
        "\xCF\x84\xCE\xB7\xCF\x82",
        "\n",
        " plain ASCII words, 42 of them.",
        "\r",
        "\xE1\xBA\x9E\xCC\xA3\xCC\x87",
        "\n\n",
        "\xF4\x8F\xBF\xBF.",
    };
    static char buf[8192];
    size_t len;

    /* variants 3-5 leave out the pieces with CR: the loader finds lines
     * another way in files without one */
    for (int variant = 0; variant < 6; variant++) {
        len = 0;
        if (variant % 3 == 1) len = (memcpy(buf, "\xEF\xBB\xBF", 3), 3);
        if (variant % 3 == 2) buf[len++] = 'x';
        for (int r = 0; len < 5000; r++) {
            const char *p = pieces[(r * 7 + variant) % 10];
            if (variant >= 3 && strchr(p, '\r')) continue;
            memcpy(buf + len, p, strlen(p));
            len += strlen(p);
        }
        check_indexes(buf, len);
    }
}

/* Character counts, line counts and the newline kind of every short
 * length, so each tail of the block-wise counting is covered. */
static void test_short_lengths(void)
{
    static const char text[] =
        "a\xC3\xA9" "b\n\xE2\x80\x9Cq\xE2\x80\x9D\n\n\xF0\x9F\x98\x80 end of"
        " line\nx\xCE\xA3y\nlast words here, and more of them \xE4\xB8\xAD!\n";
    size_t n = sizeof text - 1;

    for (size_t len = 0; len <= n; len++) {
        struct gl_doc *d;
        size_t chars = 0, lines = 1;
        if (len < n && (text[len] & 0xC0) == 0x80) continue;
        d = mem(text, len);
        CHECKF(d != NULL, "length %zu", len);
        if (!d) continue;
        for (size_t i = 0; i < len; i++) {
            chars += (text[i] & 0xC0) != 0x80;
            lines += text[i] == '\n';
        }
        CHECKF(d->nchars == chars, "length %zu: %zu chars", len, d->nchars);
        CHECKF(d->nlines == lines, "length %zu: %zu lines", len, d->nlines);
        CHECKF(d->newline == (lines > 1 ? GL_NL_LF : GL_NL_NONE),
               "length %zu", len);
        gl_doc_free(d);
    }
}

int main(void)
{
    RUN(test_from_memory);
    RUN(test_load_file);
    RUN(test_load_pipe);
    RUN(test_bom);
    RUN(test_newlines);
    RUN(test_empty);
    RUN(test_load_errors);
    RUN(test_directory_and_missing);
    RUN(test_too_big);
    RUN(test_span_ok);
    RUN(test_index_property);
    RUN(test_short_lengths);
    return check_done();
}

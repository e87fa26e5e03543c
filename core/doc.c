/* doc.c - loading an article (file, stdin or memory), checking it once
 * (UTF-8, NUL, size) and building the line and code point indexes that turn
 * byte offsets into code points and line:col without rescanning. Core layer. */
#include "doc.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sha256.h"
#include "utf8.h"
#include "util.h"

#define IS_CONT(c) ((((unsigned char)(c)) & 0xC0) == 0x80)

/* Line and code point column of byte `off`, by a plain scan of the prefix;
 * only used to report a load error, before the indexes exist. */
static void scan_linecol(const char *s, size_t len, size_t body, size_t off,
                         struct gl_err *err)
{
    size_t ls = off < body ? off : body, i;
    unsigned long line = 1, col = 1;

    for (i = ls; i < off; i++) {
        int lf = s[i] == '\n';
        if (lf || (s[i] == '\r' && (i + 1 >= len || s[i + 1] != '\n'))) {
            line++;
            ls = i + 1;
        }
    }
    for (i = ls; i < off; i++)
        if (!IS_CONT(s[i])) col++;
    err->line = line;
    err->col = col;
}

/* Say what is wrong with the sequence starting at s[off]. */
static void utf8_error(const char *s, size_t len, size_t off,
                       struct gl_err *err)
{
    const unsigned char *p = (const unsigned char *)s + off;
    unsigned char c = p[0], lo = 0x80, hi = 0xBF;
    const char *why = "";
    size_t n, k;

    if (c >= 0x80 && c < 0xC0) {
        gl_err_set(err, GL_EUTF8, off,
                   "invalid UTF-8 (stray continuation byte 0x%02X)", c);
        return;
    }
    if (c < 0x80 || c == 0xC0 || c == 0xC1 || c >= 0xF5) {
        gl_err_set(err, GL_EUTF8, off,
                   "invalid UTF-8 (byte 0x%02X never occurs in UTF-8)", c);
        return;
    }
    n = c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    if (c == 0xE0) lo = 0xA0, why = ", overlong form";
    if (c == 0xF0) lo = 0x90, why = ", overlong form";
    if (c == 0xED) hi = 0x9F, why = ", UTF-16 surrogate";
    if (c == 0xF4) hi = 0x8F, why = ", above U+10FFFF";
    for (k = 1; k < n; k++) {
        if (off + k >= len) {
            gl_err_set(err, GL_EUTF8, off,
                       "invalid UTF-8 (byte 0x%02X cut short by the end "
                       "of the input)", c);
            return;
        }
        if (k == 1 ? (p[1] < lo || p[1] > hi) : !IS_CONT(p[k])) break;
    }
    if (k > 1 || (p[1] & 0xC0) != 0x80) why = "";
    if (k == 1)
        gl_err_set(err, GL_EUTF8, off,
                   "invalid UTF-8 (byte 0x%02X followed by 0x%02X%s)", c,
                   p[1], why);
    else if (k == 2)
        gl_err_set(err, GL_EUTF8, off,
                   "invalid UTF-8 (byte 0x%02X followed by 0x%02X 0x%02X)",
                   c, p[1], p[2]);
    else
        gl_err_set(err, GL_EUTF8, off,
                   "invalid UTF-8 (byte 0x%02X followed by 0x%02X 0x%02X "
                   "0x%02X)", c, p[1], p[2], p[3]);
}

/* Reject what the rest of gloss cannot hold: the first problem in the file
 * is the one reported. */
static int check_bytes(const char *s, size_t len, size_t body,
                       struct gl_err *err)
{
    const char *nul = memchr(s, '\0', len);
    size_t bad = len;

    if (!gl_utf8_valid(s, len, &bad) && (!nul || bad < (size_t)(nul - s))) {
        utf8_error(s, len, bad, err);
        if (err) scan_linecol(s, len, body, bad, err);
        return GL_EUTF8;
    }
    if (nul) {
        gl_err_set(err, GL_ENUL, (size_t)(nul - s), "NUL byte in article");
        if (err) scan_linecol(s, len, body, (size_t)(nul - s), err);
        return GL_ENUL;
    }
    return GL_OK;
}

/* Bytes of p[0..n) that start a character (not 10xxxxxx), eight at a
 * time: the loader counts every block of the article and the writer asks
 * for two code-point offsets per annotation. */
static size_t count_starts(const char *p, size_t n)
{
    size_t c = n, i = 0;

    while (n - i >= 8) {
        /* up to eight words' flags summed per byte lane (each lane <= 8,
         * the total <= 64), then added across lanes by one multiply */
        size_t stop = n - i >= 64 ? i + 64 : n - (n - i) % 8;
        uint64_t sum = 0;
        for (; i < stop; i += 8) {
            uint64_t w;
            memcpy(&w, p + i, 8);
            /* bit 7 set and bit 6 clear, per byte (w << 1 brings each
             * byte's bit 6 under its bit 7) */
            sum += ((w & ~(w << 1)) & 0x8080808080808080ull) >> 7;
        }
        c -= (size_t)((sum * 0x0101010101010101ull) >> 56);
    }
    for (; i < n; i++)
        if (IS_CONT(p[i])) c--;
    return c;
}

/* Line starts and newline kinds, byte by byte: the general case, for
 * files with a CR somewhere. */
static unsigned lines_any(struct gl_doc *d, size_t *cap)
{
    const char *s = d->bytes;
    size_t len = d->len, i;
    unsigned kinds = 0; /* 1 LF, 2 CRLF, 4 CR */

    for (i = 0; i < len; i++) {
        char c = s[i];
        if (c != '\n' && c != '\r') continue;
        if (c == '\n')
            kinds |= (i > 0 && s[i - 1] == '\r') ? 2 : 1;
        else if (i + 1 < len && s[i + 1] == '\n')
            continue; /* the LF ends this CRLF break */
        else
            kinds |= 4;
        GL_GROW(d->line_start, *cap, d->nlines + 1);
        d->line_start[d->nlines++] = (uint32_t)(i + 1);
    }
    return kinds;
}

/* The same for the usual file without CR: every LF ends a line, and
 * memchr finds them far faster than a byte loop. */
static unsigned lines_lf(struct gl_doc *d, size_t *cap)
{
    const char *s = d->bytes, *p = s, *end = s + d->len;

    while ((p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
        p++;
        GL_GROW(d->line_start, *cap, d->nlines + 1);
        d->line_start[d->nlines++] = (uint32_t)(p - s);
    }
    return d->nlines > 1 ? 1 : 0;
}

/* The character count, the code point blocks, the line starts and the
 * newline kind. Characters are counted a block at a time (count_starts)
 * and lines found with memchr: a byte loop here cost more than
 * tokenizing. */
static void build_indexes(struct gl_doc *d)
{
    const char *s = d->bytes;
    size_t len = d->len, k, nblk = len / GL_CP_BLOCK, cap = 0, nch = 0;
    unsigned kinds;

    d->ncp_block = nblk + 1;
    d->cp_block = xreallocarray(NULL, d->ncp_block, sizeof *d->cp_block);
    for (k = 0; k < nblk; k++) {
        d->cp_block[k] = (uint32_t)nch;
        nch += count_starts(s + k * GL_CP_BLOCK, GL_CP_BLOCK);
    }
    d->cp_block[nblk] = (uint32_t)nch;
    nch += count_starts(s + nblk * GL_CP_BLOCK, len - nblk * GL_CP_BLOCK);
    d->nchars = nch;

    GL_GROW(d->line_start, cap, 1);
    d->line_start[0] = d->body;
    d->nlines = 1;
    kinds = memchr(s, '\r', len) ? lines_any(d, &cap) : lines_lf(d, &cap);
    d->newline = kinds == 0 ? GL_NL_NONE : kinds == 1 ? GL_NL_LF
               : kinds == 2 ? GL_NL_CRLF : kinds == 4 ? GL_NL_CR : GL_NL_MIXED;
}

/* Takes ownership of buf (len bytes plus a NUL). */
static struct gl_doc *make_doc(char *buf, size_t len, const char *name,
                               struct gl_err *err)
{
    struct gl_doc *d;
    struct gl_sha256 h;
    uint32_t body = 0;

    if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0) body = 3;
    if (check_bytes(buf, len, body, err) != GL_OK) {
        free(buf);
        return NULL;
    }
    d = xcalloc(1, sizeof *d);
    d->bytes = buf;
    d->len = len;
    d->body = body;
    d->name = xstrdup(name);
    gl_sha256_init(&h);
    gl_sha256_update(&h, buf, len);
    gl_sha256_final(&h, d->sha256);
    build_indexes(d);
    gl_doc_analyze(d);
    return d;
}

struct gl_doc *gl_doc_from_memory(const char *bytes, size_t len,
                                  const char *name, struct gl_err *err)
{
    if (len > GL_DOC_MAX_BYTES) {
        gl_err_set(err, GL_ETOOBIG, 0, "%s: article over %zu bytes",
                   name ? name : "-", (size_t)GL_DOC_MAX_BYTES);
        return NULL;
    }
    return make_doc(xmemdup(bytes, len), len, name ? name : "-", err);
}

/* Read fd to EOF into a NUL-terminated buffer; GL_OK or an error code. */
static int read_all(int fd, const char *path, char **out, size_t *outlen,
                    struct gl_err *err)
{
    struct stat st;
    size_t cap = 65536, len = 0;
    char *buf;

    if (fstat(fd, &st) == 0) {
        if (S_ISDIR(st.st_mode))
            return gl_err_set(err, GL_EIO, 0, "%s: is a directory", path);
        if (S_ISREG(st.st_mode)) {
            if ((uintmax_t)st.st_size > GL_DOC_MAX_BYTES) goto toobig;
            cap = (size_t)st.st_size + 2; /* room for EOF read and NUL */
        }
    }
    buf = xmalloc(cap);
    for (;;) {
        ssize_t n;
        if (cap - len < 2) {
            /* never beyond MAX + 2: one byte over the limit tells */
            cap = cap > (GL_DOC_MAX_BYTES + 2) / 2 ? GL_DOC_MAX_BYTES + 2
                                                   : cap * 2;
            buf = xrealloc(buf, cap);
        }
        n = read(fd, buf + len, cap - len - 1);
        if (n < 0) {
            if (errno == EINTR) continue;
            gl_err_set(err, GL_EIO, len, "%s: %s", path, strerror(errno));
            free(buf);
            return GL_EIO;
        }
        if (n == 0) break;
        len += (size_t)n;
        if (len > GL_DOC_MAX_BYTES) {
            free(buf);
            goto toobig;
        }
    }
    buf[len] = '\0';
    *out = buf;
    *outlen = len;
    return GL_OK;
toobig:
    return gl_err_set(err, GL_ETOOBIG, 0, "%s: article over %zu bytes", path,
                      (size_t)GL_DOC_MAX_BYTES);
}

struct gl_doc *gl_doc_load(const char *path, struct gl_err *err)
{
    int fd = 0, rc;
    char *buf = NULL;
    size_t len = 0;

    if (strcmp(path, "-") != 0) {
        do fd = open(path, O_RDONLY | O_CLOEXEC);
        while (fd < 0 && errno == EINTR);
        if (fd < 0) {
            gl_err_set(err, GL_EIO, 0, "%s: %s", path, strerror(errno));
            return NULL;
        }
    }
    rc = read_all(fd, path, &buf, &len, err);
    if (fd != 0) close(fd);
    if (rc != GL_OK) return NULL;
    return make_doc(buf, len, path, err);
}

void gl_doc_analyze(struct gl_doc *doc)
{
    gl_segment(doc);
    gl_find_quotes(doc);
}

void gl_doc_free(struct gl_doc *doc)
{
    if (!doc) return;
    free(doc->bytes);
    free(doc->name);
    free(doc->line_start);
    free(doc->cp_block);
    free(doc->tokens);
    free(doc->sentences);
    free(doc->paragraphs);
    free(doc->quotes);
    if (doc->folds) {
        free(doc->folds->hash);
        free(doc->folds->off);
        free(doc->folds->bytes);
        free(doc->folds);
    }
    free(doc);
}

size_t gl_doc_cp(const struct gl_doc *doc, size_t byte)
{
    size_t k = byte / GL_CP_BLOCK;

    return doc->cp_block[k] +
           count_starts(doc->bytes + k * GL_CP_BLOCK, byte - k * GL_CP_BLOCK);
}

size_t gl_doc_byte(const struct gl_doc *doc, size_t cp)
{
    size_t lo = 0, hi = doc->ncp_block, i, n;

    if (cp >= doc->nchars) return doc->len;
    /* last block whose count of earlier code points is <= cp */
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (doc->cp_block[mid] <= cp) lo = mid;
        else hi = mid;
    }
    i = lo * GL_CP_BLOCK;
    n = doc->cp_block[lo];
    for (;;) {
        while (i < doc->len && IS_CONT(doc->bytes[i])) i++;
        if (n == cp) return i;
        i++;
        n++;
    }
}

void gl_doc_linecol(const struct gl_doc *doc, size_t byte,
                    unsigned long *line, unsigned long *col)
{
    size_t lo = 0, hi = doc->nlines;

    if (byte < doc->line_start[0]) { /* inside the BOM */
        *line = 1;
        *col = 1;
        return;
    }
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (doc->line_start[mid] <= byte) lo = mid;
        else hi = mid;
    }
    *line = (unsigned long)lo + 1;
    *col = (unsigned long)(gl_doc_cp(doc, byte) -
                           gl_doc_cp(doc, doc->line_start[lo])) + 1;
}

int gl_doc_span_ok(const struct gl_doc *doc, size_t start, size_t end)
{
    return start <= end && end <= doc->len && start >= doc->body &&
           gl_utf8_is_boundary(doc->bytes, doc->len, start) &&
           gl_utf8_is_boundary(doc->bytes, doc->len, end);
}

void gl_doc_sha256_hex(const struct gl_doc *doc, char out[65])
{
    static const char hex[] = "0123456789abcdef";
    int i;

    for (i = 0; i < 32; i++) {
        out[2 * i] = hex[doc->sha256[i] >> 4];
        out[2 * i + 1] = hex[doc->sha256[i] & 15];
    }
    out[64] = '\0';
}

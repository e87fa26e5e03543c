/* atomic.c - atomic file replacement. CLI layer. */
#define _GNU_SOURCE /* syncfs(2) */
#include "atomic.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util.h"

/* New files written so far, and the folders of the first few: a run that
 * writes a handful syncs them one by one (cheap), a batch syncs its file
 * system once at the end (22,000 files one by one took 20 s). */
#define FEW 16
static size_t nnew;
static char *dirs[FEW];
static size_t ndirs;

static void note_new(const char *path)
{
    const char *slash = strrchr(path, '/');
    char *dir = slash ? xmemdup(path, slash == path ? 1 : (size_t)(slash - path))
                      : xstrdup(".");

    nnew++;
    for (size_t i = 0; i < ndirs; i++)
        if (strcmp(dirs[i], dir) == 0) {
            free(dir);
            return;
        }
    if (ndirs < FEW) dirs[ndirs++] = dir;
    else free(dir);
}

static int fail(const char *path, const char *tmp, int fd, char *why,
                size_t size)
{
    int e = errno;

    snprintf(why, size, "%s: %s", path, strerror(e));
    if (fd >= 0) close(fd);
    if (tmp) unlink(tmp);
    errno = e;
    return -1;
}

int gl_write_atomic(const char *path, const char *buf, size_t len,
                    char *why, size_t size)
{
    const char *slash = strrchr(path, '/');
    struct gl_buf tmp = {0};
    struct stat old;
    size_t off = 0;
    int fd, rc, replacing = stat(path, &old) == 0;

    /* The temporary file sits beside the target (same file system, so
     * rename is atomic) and is hidden from globs like *.yaml. */
    if (slash) gl_buf_add(&tmp, path, (size_t)(slash - path) + 1);
    gl_buf_printf(&tmp, ".%s.tmpXXXXXX", slash ? slash + 1 : path);
    fd = mkstemp(tmp.p);
    if (fd < 0) {
        rc = fail(path, NULL, -1, why, size);
        gl_buf_free(&tmp);
        return rc;
    }
    while (off < len) {
        ssize_t n = write(fd, buf + off, len - off);
        if (n < 0) {
            if (errno == EINTR) continue;
            rc = fail(path, tmp.p, fd, why, size);
            gl_buf_free(&tmp);
            return rc;
        }
        off += (size_t)n;
    }
    if (fchmod(fd, 0644) != 0 ||
        ((replacing || nnew < FEW) && fsync(fd) != 0)) {
        rc = fail(path, tmp.p, fd, why, size);
        gl_buf_free(&tmp);
        return rc;
    }
    if (close(fd) != 0) {
        rc = fail(path, tmp.p, -1, why, size);
        gl_buf_free(&tmp);
        return rc;
    }
    if (rename(tmp.p, path) != 0) {
        rc = fail(path, tmp.p, -1, why, size);
        gl_buf_free(&tmp);
        return rc;
    }
    if (!replacing) note_new(path);
    gl_buf_free(&tmp);
    return 0;
}

/* The names of the new files made durable: their folders fsync'd when
 * there were few (their data already was), else the file system synced. */
void gl_sync_all(void)
{
    /* many: one folder's file system, synced once, covers the batch */
    size_t n = nnew <= FEW ? ndirs : (ndirs ? 1 : 0);

    for (size_t i = 0; i < n; i++) {
        int fd = open(dirs[i], O_RDONLY | O_DIRECTORY);
        if (fd >= 0) {
            if (nnew <= FEW) fsync(fd);
            else if (syncfs(fd) != 0) sync();
            close(fd);
        }
    }
    for (size_t i = 0; i < ndirs; i++) free(dirs[i]);
    ndirs = 0;
    nnew = 0;
}

/* atomic.c - atomic file replacement. CLI layer. */
#define _XOPEN_SOURCE 700 /* sync(2) is an XSI function */
#include "atomic.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util.h"

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
    if (fchmod(fd, 0644) != 0 || (replacing && fsync(fd) != 0)) {
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
    gl_buf_free(&tmp);
    return 0;
}

void gl_sync_all(void)
{
    sync();
}

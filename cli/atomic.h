/* atomic.h - write a file so that readers see the old content or the new,
 * never a mix: a temporary file in the same folder, fsync, rename. CLI
 * layer. */
#ifndef GLOSS_ATOMIC_H
#define GLOSS_ATOMIC_H

#include <stddef.h>

/* Replace `path` with buf[0..len). Returns 0, or -1 with errno set and a
 * message in why[0..size) ("<path>: <strerror>"); on failure `path` is
 * untouched and no temporary file is left behind. */
int gl_write_atomic(const char *path, const char *buf, size_t len,
                    char *why, size_t size);

#endif

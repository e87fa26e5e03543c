/* atomic.h - write a file so that readers see the old content or the new,
 * never a mix: a temporary file in the same folder, fsync, rename. CLI
 * layer. */
#ifndef GLOSS_ATOMIC_H
#define GLOSS_ATOMIC_H

#include <stddef.h>

/* Replace `path` with buf[0..len). Returns 0, or -1 with errno set and a
 * message in why[0..size) ("<path>: <strerror>"); on failure `path` is
 * untouched and no temporary file is left behind.
 * When `path` already exists the new content is fsync'd before the
 * rename, so not even a power cut can lose the old file (which may hold a
 * person's review). The first few new files are fsync'd too; after
 * that, new files are not synced one by one (22,000 small files took 20 s
 * that way). Callers call gl_sync_all() once at the end. */
int gl_write_atomic(const char *path, const char *buf, size_t len,
                    char *why, size_t size);

/* Make the new files written so far durable: the folders of a few, or the
 * file system of many (syncfs(2)); nothing when there were none. */
void gl_sync_all(void);

#endif

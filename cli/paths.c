/* paths.c - small path helpers shared by the commands. CLI layer. */
#include "paths.h"

#include <string.h>
#include <sys/stat.h>

#include "util.h"

int gl_path_exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

char *gl_find_article(const char *yaml, const char *path)
{
    const char *slash = strrchr(yaml, '/');
    struct gl_buf b = {0};

    if (gl_path_exists(path) || path[0] == '/' || !slash) return xstrdup(path);
    gl_buf_add(&b, yaml, (size_t)(slash - yaml) + 1);
    gl_buf_puts(&b, path);
    if (gl_path_exists(b.p)) return b.p;
    gl_buf_free(&b);
    return xstrdup(path);
}

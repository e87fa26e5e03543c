/* paths.h - small path helpers shared by the commands. CLI layer. */
#ifndef GLOSS_PATHS_H
#define GLOSS_PATHS_H

/* 1 when something exists at path. */
int gl_path_exists(const char *path);

/* The article an annotation file names: `path` as written when it
 * exists (or is absolute), else the same relative path beside the YAML
 * file (a file moved together with its article), else `path` as written
 * (so the error names what the file says). Caller frees. */
char *gl_find_article(const char *yaml, const char *path);

#endif

/* cmd_presets.c - `gloss presets`: the bundled presets and what each does
 * (the first comment line of its file). CLI layer. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "engine.h"
#include "exitcode.h"
#include "util.h"

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The first line of the file if it is a "-- " comment, without a leading
 * "NAME: " (presets start with "-- NAME: what it does"), else "". */
static void describe(const char *path, const char *name, char *out,
                     size_t size)
{
    FILE *f = fopen(path, "r");
    char line[512];
    const char *p = line + 3;
    size_t n = strlen(name);

    out[0] = '\0';
    if (!f) return;
    if (fgets(line, sizeof line, f) && strncmp(line, "-- ", 3) == 0) {
        if (strncmp(p, name, n) == 0 && p[n] == ':') p += n + 1;
        while (*p == ' ') p++;
        n = strcspn(p, "\r\n");
        snprintf(out, size, "%.*s", (int)n, p);
    }
    fclose(f);
}

int gl_cmd_presets(int argc, char **argv)
{
    char *root = NULL, *dir;
    DIR *d;
    struct dirent *e;
    char **names = NULL;
    size_t n = 0, cap = 0, i;

    if (argc == 3 && strcmp(argv[1], "--scripts-dir") == 0)
        root = xstrdup(argv[2]);
    else if (argc != 1) {
        fputs("usage: gloss presets [--scripts-dir DIR]\n", stderr);
        return EXIT_USAGE;
    }
    if (!root) root = gl_engine_default_root();
    dir = xmalloc(strlen(root) + sizeof "/presets");
    sprintf(dir, "%s/presets", root);
    d = opendir(dir);
    if (!d) {
        fprintf(stderr, "gloss: error: no presets folder at %s\n", dir);
        free(dir);
        free(root);
        return EXIT_USAGE;
    }
    while ((e = readdir(d))) {
        size_t len = strlen(e->d_name);
        if (len > 4 && strcmp(e->d_name + len - 4, ".lua") == 0 &&
            e->d_name[0] != '.') {
            GL_GROW(names, cap, n + 1);
            names[n++] = xmemdup(e->d_name, len - 4);
        }
    }
    closedir(d);
    if (n) qsort(names, n, sizeof *names, cmp_str);
    for (i = 0; i < n; i++) {
        char path[4096], desc[512];

        snprintf(path, sizeof path, "%s/%s.lua", dir, names[i]);
        describe(path, names[i], desc, sizeof desc);
        printf("%-12s %s\n", names[i], desc);
        free(names[i]);
    }
    free(names);
    free(dir);
    free(root);
    return EXIT_OK;
}

/* error.h - how the core reports failure. Core layer.
 * Core functions never print, exit or longjmp: they return a status and,
 * when given one, fill a struct gl_err with where and why. */
#ifndef GLOSS_ERROR_H
#define GLOSS_ERROR_H

#include <stddef.h>

enum gl_status {
    GL_OK = 0,
    GL_EIO = -1,      /* cannot open/read/write a file */
    GL_EUTF8 = -2,    /* invalid UTF-8 in an article */
    GL_ENUL = -3,     /* NUL byte in an article */
    GL_ETOOBIG = -4,  /* input over a size limit */
    GL_ERE = -5,      /* regex compile error */
    GL_ELIMIT = -6,   /* regex match/depth/heap limit reached */
    GL_EYAML = -7,    /* malformed or rejected YAML */
    GL_ESCHEMA = -8,  /* YAML well-formed but not a gloss file */
    GL_EVALUE = -9,   /* a value the output cannot represent */
    GL_EFORMAT = -10, /* malformed lexicon or other text format */
    GL_ESYNTAX = -11, /* a script does not compile */
    GL_ESCRIPT = -12, /* a script raised an error while running */
    GL_ENOTFOUND = -13 /* unknown preset, missing script or module */
};

/* Where an error happened. `offset` is a byte offset into the input the
 * error is about (article, pattern, YAML file); line and col are 1-based,
 * col counted in code points; 0 means "not known". */
struct gl_err {
    int code;
    size_t offset;
    unsigned long line, col;
    char msg[256];
};

/* Fill err (if not NULL) and return code. printf-style message. */
int gl_err_set(struct gl_err *err, int code, size_t offset,
               const char *fmt, ...) __attribute__((format(printf, 4, 5)));

#endif

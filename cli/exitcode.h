/* exitcode.h - the documented exit statuses of the gloss command (README,
 * `gloss --help`). CLI layer. Stable: scripts and batch tools rely on them. */
#ifndef GLOSS_EXITCODE_H
#define GLOSS_EXITCODE_H

enum gl_exit {
    EXIT_OK = 0,       /* every article processed, every output written */
    EXIT_PROBLEMS = 1, /* gloss check: annotations moved, ambiguous, lost or
                          out of date (the file itself is readable) */
    EXIT_USAGE = 2,    /* bad command line, unknown preset, missing script,
                          a script that does not compile */
    EXIT_INPUT = 3,    /* an article cannot be read: I/O error, invalid
                          UTF-8, NUL byte, too large */
    EXIT_SCRIPT = 4,   /* a script raised an error on an article */
    EXIT_LIMIT = 5,    /* a resource limit was reached (reserved) */
    EXIT_REFUSED = 6,  /* output refused (reserved) */
    EXIT_WRITE = 7,    /* output could not be written */
    EXIT_INTERNAL = 70 /* a bug in gloss */
};

#endif

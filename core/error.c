/* error.c - filling struct gl_err. Core layer. */
#include "error.h"

#include <stdarg.h>
#include <stdio.h>

int gl_err_set(struct gl_err *err, int code, size_t offset,
               const char *fmt, ...)
{
    va_list ap;

    if (!err) return code;
    err->code = code;
    err->offset = offset;
    err->line = err->col = 0;
    va_start(ap, fmt);
    vsnprintf(err->msg, sizeof err->msg, fmt, ap);
    va_end(ap);
    return code;
}

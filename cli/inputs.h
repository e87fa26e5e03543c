/* inputs.h - the articles named on the command line, as a stream: files,
 * folders walked recursively in sorted order, and standard input. CLI
 * layer. Nothing is held but the folder listings being walked, so memory
 * does not grow with the corpus. */
#ifndef GLOSS_INPUTS_H
#define GLOSS_INPUTS_H

#include <stddef.h>

#include "pool.h"

struct gl_inputs;

/* args: paths ("-" is stdin). exts: file name endings taken from folders,
 * comma-separated without dots ("txt" or "txt,md"). */
struct gl_inputs *gl_inputs_new(char **args, size_t nargs, const char *exts);
void gl_inputs_free(struct gl_inputs *in);

/* gl_next_fn: the next article, 1; 0 when there are no more. */
int gl_inputs_next(void *in, struct gl_item *it);

/* Folders that could not be read while walking (each reported on stderr
 * when met). */
size_t gl_inputs_errors(const struct gl_inputs *in);

/* 1 when the arguments can name more than one article (several
 * arguments, or a folder). */
int gl_inputs_many(char **args, size_t nargs);

#endif

/* inputs.h - the articles named on the command line, as a stream: files,
 * folders walked recursively in sorted order, JSON Lines corpora (one
 * {"id": ..., "text": ...} record per line) and standard input. CLI
 * layer. Nothing is held but the folder listings being walked and one
 * record, so memory does not grow with the corpus. */
#ifndef GLOSS_INPUTS_H
#define GLOSS_INPUTS_H

#include <stddef.h>

#include "pool.h"

struct gl_inputs;

struct gl_input_opts {
    const char *exts;       /* endings taken from folders: "txt" or "txt,md" */
    int jsonl;              /* every file is JSON Lines (else: *.jsonl) */
    const char *id_field;   /* of a JSON Lines record ("id") */
    const char *text_field; /* ("text") */
    const char *stdin_name; /* what "-" is called in output ("-") */
};

/* args: paths ("-" is stdin). */
struct gl_inputs *gl_inputs_new(char **args, size_t nargs,
                                const struct gl_input_opts *opts);
void gl_inputs_free(struct gl_inputs *in);

/* gl_next_fn: the next article, 1; 0 when there are no more. */
int gl_inputs_next(void *in, struct gl_item *it);

/* Inputs that failed before annotation (each delivered as an error
 * item in its turn). */
size_t gl_inputs_errors(const struct gl_inputs *in);

/* Bytes of input read so far into *consumed; returns the total, or -1
 * when it cannot be known in advance (a folder, stdin). */
long long gl_inputs_progress(const struct gl_inputs *in, size_t *consumed);

/* 1 when the arguments can name more than one article (several
 * arguments, a folder, a JSON Lines corpus). */
int gl_inputs_many(char **args, size_t nargs, const struct gl_input_opts *o);

#endif

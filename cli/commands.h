/* commands.h - the subcommands of gloss. CLI layer. Each takes argv
 * starting at the subcommand's name and returns an exit status. */
#ifndef GLOSS_COMMANDS_H
#define GLOSS_COMMANDS_H

#include <stdio.h>

int gl_cmd_run(int argc, char **argv);
int gl_cmd_presets(int argc, char **argv);
int gl_cmd_eval(int argc, char **argv);
int gl_cmd_convert(int argc, char **argv);
int gl_cmd_check(int argc, char **argv);
int gl_cmd_test(int argc, char **argv);
int gl_cmd_merge(int argc, char **argv);
int gl_cmd_show(int argc, char **argv);
int gl_cmd_repl(int argc, char **argv);
void gl_usage(FILE *f);

#endif

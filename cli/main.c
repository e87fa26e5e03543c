/* main.c - the gloss command: argument parsing and subcommand dispatch.
 * CLI layer: sees the core and binding/engine.h, never lua.h. */
#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "exitcode.h"

static const char usage_text[] =
    "usage: gloss run [--preset NAME | --script FILE]... [-o OUT] ARTICLE...\n"
    "       gloss presets\n"
    "       gloss eval [--types T,..] [--kinds K,..] [--typed] [--misses N] [--json] GOLD PRED\n"
    "       gloss convert polnear|conll -o OUT INPUT...\n"
    "       gloss check FILE.yaml [--article PATH] [--old-article PATH] [--fix]\n"
    "       gloss test [-p NAME]... [--min-coverage PCT] [SCRIPT.lua|DIR|FILE.yaml]...\n"
    "       gloss merge REVIEWED.yaml NEW.yaml [-o OUT] [--article PATH] [--old-article PATH]\n"
    "       gloss show FILE.yaml [--article PATH] [--html OUT.html]\n"
    "       gloss repl ARTICLE [--preset NAME | --script FILE]...\n"
    "       gloss --help | --version\n"
    "\n"
    "Annotate news articles with Lua tagging scripts; write YAML.\n"
    "\n"
    "run options:\n"
    "  -p, --preset NAME     run a bundled preset (see 'gloss presets')\n"
    "  -s, --script FILE     run a Lua script (repeatable; runs in order)\n"
    "  -o, --output OUT      write to OUT instead of stdout; with several\n"
    "                        articles OUT must be a folder: one NAME.yaml per\n"
    "                        article, mirroring the folders given\n"
    "  -j, --jobs N          worker processes (default: the number of cores)\n"
    "      --timeout SECS    time budget of the scripts per article (10)\n"
    "      --max-memory MB   Lua heap budget (512)\n"
    "      --max-annotations N  annotations per article (1000000)\n"
    "      --ext LIST        file endings taken from folders (txt; e.g. txt,md)\n"
    "      --jsonl           inputs are JSON Lines corpora (implied for *.jsonl):\n"
    "                        one {\"id\": ..., \"text\": ...} record per line\n"
    "      --id-field NAME, --text-field NAME   their field names (id, text)\n"
    "      --stdin-name NAME what to call the article(s) read from - (-)\n"
    "      --merge           an output file a person has reviewed is merged:\n"
    "                        every decision kept, new suggestions pending\n"
    "      --force           overwrite reviewed output files (a .bak is kept)\n"
    "      --scripts-dir DIR where presets, lib/ and lexicons/ live\n"
    "      --explain         add why: blocks and near_misses: to the YAML\n"
    "      --profile         report the script lines that take the most CPU\n"
    "                        time (on stderr, at the end; runs one worker)\n"
    "ARTICLE is a UTF-8 text file, a folder (searched recursively), or - for\n"
    "standard input. Without -o, several articles make a YAML stream on stdout,\n"
    "in the order given, one document each.\n"
    "\n"
    "exit status:\n"
    "  0   every article annotated and written\n"
    "  2   usage: bad option, unknown preset, missing or broken script\n"
    "  3   input: an article cannot be read or is not valid UTF-8 text\n"
    "  4   a script raised an error on an article\n"
    "  5   an article went over a budget (time, memory, annotations, regex)\n"
    "  6   output refused: the file holds a person's review (see --merge)\n"
    "  7   output could not be written\n"
    "  70  internal error\n"
    "With several articles gloss goes on after a failure and exits with the\n"
    "status of the first one that failed.\n";

void gl_usage(FILE *f)
{
    fputs(usage_text, f);
}

/* The subcommands: name and entry point. Each
 * takes argv starting at its own name and returns an exit status. */
static const struct command {
    const char *name;
    int (*run)(int argc, char **argv);
} commands[] = {
    {"run", gl_cmd_run},
    {"presets", gl_cmd_presets},
    {"eval", gl_cmd_eval},
    {"convert", gl_cmd_convert},
    {"check", gl_cmd_check},
    {"test", gl_cmd_test},
    {"merge", gl_cmd_merge},
    {"show", gl_cmd_show},
    {"repl", gl_cmd_repl},
};

int main(int argc, char **argv)
{
    size_t i;

    if (argc < 2) {
        gl_usage(stderr);
        return EXIT_USAGE;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
        strcmp(argv[1], "help") == 0) {
        gl_usage(stdout);
        return EXIT_OK;
    }
    if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "version") == 0) {
        printf("gloss %s\n", GLOSS_VERSION);
        return EXIT_OK;
    }
    for (i = 0; i < sizeof commands / sizeof *commands; i++)
        if (strcmp(argv[1], commands[i].name) == 0)
            return commands[i].run(argc - 1, argv + 1);
    fprintf(stderr, "gloss: error: unknown command '%s'\n", argv[1]);
    gl_usage(stderr);
    return EXIT_USAGE;
}

/* fuzz_lua.c - fuzz target for the Lua API and its sandbox (binding/):
 * the input is Lua source, optionally followed by a NUL and an article;
 * it runs in a fresh engine with a tiny budget, and whatever it tags must
 * be written as YAML that the strict reader reads back. A crash, a leak, a
 * UB report or a broken invariant is a bug; script errors are not. Lua
 * pattern bombs hang here (the CLI's watchdog is what stops them), so
 * libFuzzer's -timeout flags them. Test layer. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "doc.h"
#include "emit.h"
#include "engine.h"
#include "error.h"
#include "store.h"
#include "util.h"
#include "yread.h"

#define MAX_INPUT ((size_t)1 << 16)

#define REQUIRE(c)                                                        \
    do {                                                                  \
        if (!(c)) {                                                       \
            fprintf(stderr, "fuzz_lua: invariant failed: %s (%s:%d)\n",  \
                    #c, __FILE__, __LINE__);                              \
            abort();                                                      \
        }                                                                 \
    } while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char default_article[] =
    "Minister Ana Ruiz said: \"We will stay.\"\n\n"
    "Officials called the plan \"on track\". Caf\xC3\xA9 \xE2\x80\x9Cna\xC3\xAFve\xE2\x80\x9D.\n";

static int to_buf(void *ctx, const char *p, size_t n)
{
    gl_buf_add(ctx, p, n);
    return 0;
}

/* The script goes through a file: that is the only way the engine takes
 * one, and it is how users give scripts. One file per process. */
static char path[64];

static void remove_script(void)
{
    unlink(path);
}

static const char *script_path(void)
{
    if (!path[0]) {
        snprintf(path, sizeof path, "/tmp/fuzz_lua-%ld.lua", (long)getpid());
        atexit(remove_script);
    }
    return path;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *in = (const char *)data;
    const char *nul = memchr(in, '\0', size);
    size_t slen = nul ? (size_t)(nul - in) : size;
    const char *art = default_article;
    size_t alen = sizeof default_article - 1;
    struct gl_limits lim = {50, (size_t)8 << 20, 500};
    struct gl_engine *eng;
    struct gl_doc *doc;
    struct gl_store st;
    struct gl_err err;
    FILE *fp;
    int rc;

    if (size > MAX_INPUT) return 0;
    if (nul) {
        art = nul + 1;
        alen = size - slen - 1;
    }
    fp = fopen(script_path(), "wb");
    if (!fp) return 0;
    fwrite(in, 1, slen, fp);
    fclose(fp);

    memset(&err, 0, sizeof err);
    doc = gl_doc_from_memory(art, alen, "fuzz.txt", &err);
    if (!doc) {
        REQUIRE(err.code != GL_OK);
        return 0; /* fuzz_doc covers articles gloss refuses */
    }
    eng = gl_engine_new("/nonexistent-gloss-scripts");
    gl_engine_set_limits(eng, &lim);
    memset(&err, 0, sizeof err);
    if (gl_engine_add_script(eng, script_path(), &err) == GL_OK) {
        gl_store_init(&st);
        rc = gl_engine_run(eng, doc, &st, &err);
        REQUIRE(rc == GL_OK || rc == GL_ESCRIPT || rc == GL_ELIMIT);
        REQUIRE(rc == GL_OK || err.code == rc);
        REQUIRE(rc == GL_OK || strlen(gl_engine_message(eng)) <= 4096 + 64);
        if (rc == GL_OK) {
            const char *names[1] = {"fuzz.lua"};
            struct gl_run_info run = {"0", names, 1};
            struct gl_buf yaml = {0};
            struct gl_ynode *root = NULL;

            memset(&err, 0, sizeof err);
            rc = gl_emit_yaml(doc, &st, &run, 0, to_buf, &yaml, &err);
            /* what the writer accepts, the reader must read back */
            REQUIRE(rc == GL_OK || rc == GL_EVALUE);
            if (rc == GL_OK) {
                memset(&err, 0, sizeof err);
                rc = gl_yaml_read(yaml.p, yaml.len, "fuzz.yaml", &root, &err);
                if (rc != GL_OK)
                    fprintf(stderr, "fuzz_lua: %s\n", err.msg);
                REQUIRE(rc == GL_OK);
                gl_ynode_free(root);
            }
            gl_buf_free(&yaml);
        }
        gl_store_fini(&st);
    }
    gl_engine_free(eng);
    gl_doc_free(doc);
    return 0;
}

#include "standalone.h"

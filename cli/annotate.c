/* annotate.c - one article: load, run the scripts, emit YAML. CLI layer. */
#include "annotate.h"

#include "doc.h"
#include "exitcode.h"
#include "store.h"

static int buf_write(void *ctx, const char *p, size_t n)
{
    gl_buf_add(ctx, p, n);
    return 0;
}

int gl_annotate(struct gl_engine *eng, const struct gl_run_info *run,
                const char *name, const char *path, const char *text,
                size_t len, int stream, struct gl_buf *yaml,
                struct gl_buf *msg)
{
    struct gl_err err = {0};
    struct gl_doc *doc = path ? gl_doc_load(path, &err)
                              : gl_doc_from_memory(text, len, name, &err);
    struct gl_store st;
    int rc;

    if (!doc) {
        if (err.line)
            gl_buf_printf(msg, "gloss: error: %s:%lu:%lu: %s (byte offset %zu)\n",
                          name, err.line, err.col, err.msg, err.offset);
        else
            gl_buf_printf(msg, "gloss: error: %s\n", err.msg);
        return EXIT_INPUT;
    }
    gl_store_init(&st);
    rc = gl_engine_run(eng, doc, &st, &err);
    if (rc != GL_OK) {
        gl_buf_printf(msg, "gloss: error: %s: %s\n", name,
                      gl_engine_message(eng));
        rc = rc == GL_ELIMIT ? EXIT_LIMIT : EXIT_SCRIPT;
        goto done;
    }
    rc = gl_emit_yaml_explain(doc, &st, run, gl_engine_explain(eng), stream,
                              buf_write, yaml, &err);
    if (rc != GL_OK) {
        gl_buf_printf(msg, "gloss: error: %s: cannot write annotations: %s\n",
                      name, err.msg);
        yaml->len = 0;
        rc = rc == GL_EVALUE ? EXIT_SCRIPT : EXIT_INTERNAL;
        goto done;
    }
    rc = EXIT_OK;
done:
    gl_store_fini(&st);
    gl_doc_free(doc);
    return rc;
}

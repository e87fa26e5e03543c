/* lgloss.h - what the binding's files share. Binding layer: the only
 * headers and sources that include lua.h are under binding/.
 *
 * Userdata types (metatable names are their __name, shown in errors):
 *   gloss.Document   a loaded article plus the run's annotation store
 *   gloss.Span       [start, end) bytes of a document; user value 1 is the
 *                    Document userdata, which it keeps alive
 *   gloss.Regex      a compiled PCRE2 pattern
 *   gloss.Lexicon    a phrase list
 *   gloss.Annotation a handle on one annotation of a document's store
 * A Document stays valid only while its article is being run; afterwards
 * every method on it (or on its spans) raises "document is closed". */
#ifndef GLOSS_LGLOSS_H
#define GLOSS_LGLOSS_H

#include <lauxlib.h>
#include <lua.h>
#include <stdint.h>

#include "doc.h"
#include "lexicon.h"
#include "re.h"
#include "store.h"

#define LGL_DOC "gloss.Document"
#define LGL_SPAN "gloss.Span"
#define LGL_REGEX "gloss.Regex"
#define LGL_LEXICON "gloss.Lexicon"
#define LGL_ANN "gloss.Annotation"

/* The same types, checked by the address of their metatable's registry
 * slot rather than by name (ludata.c): the checks run on every method
 * call. Same behaviour and messages as the luaL_ functions they replace. */
enum lgl_type { LGL_T_DOC, LGL_T_SPAN, LGL_T_REGEX, LGL_T_LEXICON, LGL_T_ANN,
                LGL_NTYPES };
int lgl_newmetatable(lua_State *L, enum lgl_type t);
void lgl_setmetatable(lua_State *L, enum lgl_type t);
void *lgl_testudata(lua_State *L, int arg, enum lgl_type t);
void *lgl_checkudata(lua_State *L, int arg, enum lgl_type t);

struct gl_engine;

/* Slots of a Document's caches (lannot.c), powers of two. */
#define LDOC_NOK 64
#define LDOC_NRULE 16

struct ldoc {
    struct gl_doc *doc;   /* NULL once the article's run is over */
    struct gl_store *st;
    /* Lua strings doc:tag already found non-empty, NUL-free UTF-8, by
     * address; each is anchored in the Document's user value 2 (slot
     * 1 + i), so an address here never belongs to another string. */
    const char *ok[LDOC_NOK];
    /* Lua functions that called doc:tag, by address (anchored at slot
     * 1 + LDOC_NOK + i), and their script names for the rule field. */
    const void *rulefn[LDOC_NRULE];
    const char *rulesrc[LDOC_NRULE];
};

/* Structural kind of a span, for the extra methods tokens, sentences,
 * paragraphs and quotations have. */
enum lspan_kind { LSPAN_PLAIN, LSPAN_TOKEN, LSPAN_SENTENCE, LSPAN_PARAGRAPH,
                  LSPAN_QUOTE };

struct lspan {
    struct ldoc *owner; /* the Document of user value 1, which keeps it
                         * alive: read here without a stack round trip */
    uint32_t start, end;
    uint32_t index; /* into the doc array of its kind (not for PLAIN) */
    uint32_t origin; /* --explain: 1 + index of the regex or lexicon match
                      * that made it (lexplain.c); 0: none */
    uint8_t kind;   /* enum lspan_kind */
};

struct lregex {
    struct gl_re *re;
    size_t *ov;     /* 2*(ncaptures+1) offsets, allocated with the regex */
};

struct llexicon {
    struct gl_lexicon *lex;
    char *name;     /* the path as the script gave it, or "(list)" */
};

struct lann {
    uint32_t id;    /* user value 1 is the Document */
};

/* ldoc.c */
void lgl_open_doc(lua_State *L);
/* Push a new Document for (doc, st); returns its userdata. */
struct ldoc *lgl_push_doc(lua_State *L, struct gl_doc *doc,
                          struct gl_store *st);
/* Check arg is an open Document; returns the gl_doc. */
struct ldoc *lgl_check_doc(lua_State *L, int arg);

/* lspan.c */
void lgl_open_span(lua_State *L);
/* Push a span of the Document at stack index docidx (range checked by the
 * caller). */
struct lspan *lgl_push_span(lua_State *L, int docidx, uint32_t start,
                            uint32_t end, uint8_t kind, uint32_t index);
/* Push an iterator over the spans of `kind` with indexes [first, end) of
 * the Document at docidx. */
void lgl_push_iter(lua_State *L, int docidx, uint8_t kind, size_t first,
                   size_t end);
/* The same, yielding only the spans that lie within [lo, hi). */
void lgl_push_iter_bounded(lua_State *L, int docidx, uint8_t kind,
                           size_t first, size_t end, uint32_t lo, uint32_t hi);
/* The range of element i of a structural kind. */
void lgl_kind_range(const struct gl_doc *doc, uint8_t kind, size_t i,
                    uint32_t *start, uint32_t *end);
/* Check arg is a Span of an open document; stores the doc if asked. */
struct lspan *lgl_check_span(lua_State *L, int arg, struct ldoc **d);
/* the methods of lspan_nav.c, which lgl_open_span adds to gloss.Span */
extern const luaL_Reg lgl_span_nav_methods[];
int lgl_span_token_list(lua_State *L); /* sp:token_list() (ltoklist.c) */
int lgl_span_token_columns(lua_State *L); /* sp:token_columns() (ltoklist.c) */
/* A "target": Document (its whole text) or Span. Fills the range and
 * leaves the Document userdata pushed on the stack top (pop it later). */
struct ldoc *lgl_check_target(lua_State *L, int arg, uint32_t *start,
                              uint32_t *end);

/* lregex.c, llexicon.c, lannot.c */
void lgl_open_regex(lua_State *L);
void lgl_open_lexicon(lua_State *L);
void lgl_open_ann(lua_State *L);
int lgl_regex_new(lua_State *L);   /* gloss.regex(pattern [, flags]) */
int lgl_lexicon_new(lua_State *L); /* gloss.lexicon(path | list) */
int lgl_doc_tag(lua_State *L);     /* doc:tag(type, span [, attrs]) */
int lgl_doc_link(lua_State *L);
int lgl_doc_annotation(lua_State *L);
int lgl_doc_annotations(lua_State *L);

/* lvalue.c: names and attribute values between Lua and the store. `d`
 * is the Document at stack index 1 whose caches remember strings already
 * checked, or NULL (no caching). The checks raise Lua errors that name
 * the script's line; the conversions raise nothing. */
const char *lgl_check_name(lua_State *L, int arg, const char *what,
                           size_t *len, struct ldoc *d);
void lgl_check_value(lua_State *L, int idx, const char *key, int depth,
                     struct ldoc *d);
void lgl_to_value(lua_State *L, int idx, struct gl_value *v);
void lgl_push_value(lua_State *L, const struct gl_value *v);
/* Check an attrs table; leaves up to a few key/value pairs on the stack
 * and returns how many (-1: none kept, walk the table again). */
int lgl_check_attrs(lua_State *L, int idx, struct ldoc *d);
/* Store the `kept` pairs from stack index base on, or (kept < 0) the
 * whole table at idx. */
void lgl_store_attrs(lua_State *L, struct gl_store *st, uint32_t id,
                     int idx, int base, int kept);
/* The innermost calling Lua function's source name, its line in *line. */
const char *lgl_caller_rule(lua_State *L, struct ldoc *d,
                            unsigned long *line);

/* lexplain.c: --explain. Each returns 0 / does nothing when explain is
 * off; whether it is on is read from the engine, the state's allocator
 * context, with no registry lookup. */
struct gl_explain *lgl_explain(lua_State *L);
int lgl_explain_on(lua_State *L); /* 1 under --explain */
/* Origin for the regex match just made (1-based index, 0 when off). */
uint32_t lgl_origin_regex(lua_State *L, const char *pattern);
/* Origin for a lexicon match of `entry` of lexicon x. */
uint32_t lgl_origin_lexicon(lua_State *L, const struct llexicon *x,
                            uint32_t entry);
/* doc:tag's 4th argument at `idx` (may be none/nil): check it always;
 * record the why of annotation `id` (span sp) when explain is on. */
void lgl_why_check(lua_State *L, int idx, struct ldoc *d);
void lgl_why_record(lua_State *L, int idx, struct ldoc *d, uint32_t id,
                    const struct lspan *sp);
int lgl_doc_near_miss(lua_State *L); /* doc:near_miss(span, reason) */
int lgl_doc_explaining(lua_State *L); /* doc:explaining() */

/* lmodule.c: the `gloss` module table. */
int luaopen_gloss(lua_State *L);
/* Write the arguments on stderr as one line, after "script:line: ",
 * separated by sep (print and gloss.log). */
int lgl_log_line(lua_State *L, char sep);

/* engine.c: helpers the API needs from the runner. */
struct gl_engine *lgl_engine(lua_State *L);
/* Folder of the script whose code called the current C function (for
 * resolving relative lexicon paths); "" when unknown. Borrowed from the
 * engine. */
const char *lgl_caller_dir(lua_State *L, char *buf, size_t size);
const char *lgl_engine_root(struct gl_engine *eng);
/* Record that the error about to be raised is a budget running out (the
 * run then fails with GL_ELIMIT rather than GL_ESCRIPT). */
void lgl_note_limit(lua_State *L);

#endif

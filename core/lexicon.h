/* lexicon.h - phrase lists matched on token boundaries. Core layer.
 *
 * A lexicon is a trie over case-folded tokens (gl_tokenize + gl_ufold, with
 * ’ and ' treated alike), stored in one hash table keyed by (parent node,
 * token), so matching costs one probe per token examined whatever the
 * number of entries. Matching is leftmost-longest and non-overlapping.
 *
 * File format (UTF-8): one entry per line; the phrase, then optional
 * TAB-separated attributes `key=value` (a field without '=' is stored
 * under key "value"); blank lines and lines whose first non-space
 * character is '#' are ignored. A phrase listed twice keeps the first
 * entry's attributes and merges the later ones' new keys. */
#ifndef GLOSS_LEXICON_H
#define GLOSS_LEXICON_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"

struct gl_lexicon;
struct gl_doc;

struct gl_lexicon *gl_lex_new(void);
void gl_lex_free(struct gl_lexicon *lex);

/* Add one phrase (valid UTF-8). Returns the entry index, or -1 when the
 * phrase holds no token. */
long gl_lex_add(struct gl_lexicon *lex, const char *phrase, size_t len);

/* Attach an attribute to an entry (copied). */
void gl_lex_set_attr(struct gl_lexicon *lex, uint32_t entry, const char *key,
                     const char *val, size_t vlen);

/* Load a file in the format above. On failure returns a gl_status with
 * err->line set (GL_EIO, GL_EUTF8 with the byte offset, GL_EFORMAT). */
int gl_lex_load_file(struct gl_lexicon *lex, const char *path,
                     struct gl_err *err);
/* The same from a buffer; `name` labels errors. */
int gl_lex_load_buffer(struct gl_lexicon *lex, const char *buf, size_t len,
                       const char *name, struct gl_err *err);

size_t gl_lex_size(const struct gl_lexicon *lex);        /* entries */
const char *gl_lex_phrase(const struct gl_lexicon *lex, uint32_t entry);
size_t gl_lex_nattrs(const struct gl_lexicon *lex, uint32_t entry);
void gl_lex_attr(const struct gl_lexicon *lex, uint32_t entry, size_t i,
                 const char **key, const char **val, size_t *vlen);

/* Scan doc tokens [tok_first, tok_end): for every leftmost-longest match
 * calls cb(ctx, entry, match_tok_first, match_tok_end); a non-zero return
 * from cb stops the scan. Returns the number of matches reported. */
typedef int (*gl_lex_cb)(void *ctx, uint32_t entry, size_t tok_first,
                         size_t tok_end);
size_t gl_lex_scan(const struct gl_lexicon *lex, const struct gl_doc *doc,
                   size_t tok_first, size_t tok_end, gl_lex_cb cb, void *ctx);

/* Exact (folded) lookup of a whole phrase; entry index or -1. */
long gl_lex_lookup(const struct gl_lexicon *lex, const char *s, size_t len);

#endif

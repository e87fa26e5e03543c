/* lexicon_int.h - what lexicon_load.c needs of lexicon.c beyond the
 * public API: adding without a second UTF-8 check, attributes that keep
 * the first value, room reserved for a whole file. Core layer, internal. */
#ifndef GLOSS_LEXICON_INT_H
#define GLOSS_LEXICON_INT_H

#include <stddef.h>
#include <stdint.h>

#include "lexicon.h"

/* gl_lex_add for a phrase already known to be valid UTF-8 (the loader
 * checks its whole buffer once). */
long gl_lex_add_valid(struct gl_lexicon *lex, const char *phrase, size_t len);

/* Set key to val; when the key exists, `replace` says whether the new
 * value wins (the API) or the first stays (files). */
void gl_lex_put_attr(struct gl_lexicon *lex, uint32_t entry, const char *key,
                     size_t klen, const char *val, size_t vlen, int replace);

/* Room for `edges` more trie edges, `ents` more entries and `bytes` of
 * phrases and values, each in one step. */
void gl_lex_reserve(struct gl_lexicon *lex, size_t edges, size_t ents,
                    size_t bytes);

/* Whether s[0..n) holds a token (the lexicon's scratch buffer is used). */
int gl_lex_has_tokens(struct gl_lexicon *lex, const char *s, size_t n);

#endif

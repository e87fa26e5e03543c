/* lexicon.c - phrase lists as a token trie in one open-addressing hash
 * table, and leftmost-longest scanning of document tokens (the file
 * format is read by lexicon_load.c). Core layer: plain C11; tokens come
 * from gl_tokenize so phrases split exactly like articles. */
#include "lexicon.h"
#include "lexicon_int.h"

#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "segment.h"
#include "unicode.h"
#include "utf8.h"
#include "util.h"

/* Folded tokens up to this size are compared from a stack buffer during a
 * scan; longer ones are re-folded on the fly (rare, but must still match). */
#define FOLD_BUF 256

/* One trie edge: parent node --token--> child. child 0 marks a free slot
 * (the root, node 0, is never anybody's child). */
struct slot {
    uint32_t hash, parent, child, len;
    size_t off; /* folded token bytes in the arena */
};

/* Attribute values and phrases live in `strs`, blocks that never move (the
 * pointers handed out stay valid); an entry's attributes are a run of the
 * shared `attrs` array, moved to the end when it must grow and is not
 * there already. Loading a file thus costs a few allocations, not several
 * per line. */
struct attr {
    const char *key, *val; /* key: interned; val: NUL-terminated in strs */
    size_t klen, vlen;
};

struct entry {
    const char *phrase;
    uint32_t first, nattrs, cap; /* run attrs[first, first + cap) */
};

struct sblock {
    struct sblock *next;
    size_t used, cap;
    char data[];
};

struct gl_lexicon {
    struct slot *tab;
    size_t tcap, tused; /* tcap is a power of two */
    int32_t *term;      /* per node: entry ending there, or -1 */
    size_t nnodes, ncap;
    char *arena;        /* folded token keys of the edges */
    size_t alen, acap;
    struct entry *ents;
    size_t nents, ecap;
    struct attr *attrs;
    size_t nattrs, attrcap;
    struct sblock *strs; /* head: the block being filled */
    struct gl_token *toks; /* scratch for phrases being added */
    size_t ntoks, tokcap;
    char **keys;           /* attribute keys, each once: a list has few */
    size_t nkeys, kcap;
};

/* ---- folding and hashing ---- */

#define FNV_OFFSET 0xcbf29ce484222325ull
#define FNV_PRIME 0x100000001b3ull

/* Fold s[0..len) (valid UTF-8) to its lexicon key: simple case fold per
 * code point, U+2019 as '. Writes the first `cap` bytes to out, returns
 * the full folded length and its FNV-1a hash in *h. */
static size_t fold(const char *s, size_t len, char *out, size_t cap,
                   uint64_t *h)
{
    uint64_t x = FNV_OFFSET;
    size_t i = 0, n = 0, k, m;
    char enc[4];

    while (i < len) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) { /* most bytes: no encoder round trip */
            c = (unsigned char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
            x = (x ^ c) * FNV_PRIME;
            if (n < cap) out[n] = (char)c;
            n++;
            i++;
            continue;
        }
        {
            uint32_t cp = gl_utf8_next(s, &i);
            m = gl_utf8_encode(cp == 0x2019 ? '\'' : gl_ufold(cp), enc);
        }
        for (k = 0; k < m; k++, n++) {
            x = (x ^ (unsigned char)enc[k]) * FNV_PRIME;
            if (n < cap) out[n] = enc[k];
        }
    }
    *h = x;
    return n;
}

/* Does s[0..len) fold to exactly key[0..klen)? Used for tokens too long
 * for the scan buffer, without allocating. */
static int fold_eq(const char *s, size_t len, const char *key, size_t klen)
{
    size_t i = 0, n = 0, k, m;
    char enc[4];

    while (i < len) {
        uint32_t cp = gl_utf8_next(s, &i);
        m = gl_utf8_encode(cp == 0x2019 ? '\'' : gl_ufold(cp), enc);
        for (k = 0; k < m; k++, n++)
            if (n >= klen || key[n] != enc[k]) return 0;
    }
    return n == klen;
}

/* Combine a token hash with its parent node; the final mix spreads the
 * bits so the low ones can index a power-of-two table. */
static uint32_t edge_hash(uint32_t parent, uint64_t h)
{
    h ^= (uint64_t)parent * 0x9e3779b97f4a7c15ull;
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdull;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ull;
    h ^= h >> 33;
    return (uint32_t)h;
}

/* ---- the trie ---- */

/* Child of `parent` along the token whose folded form is key[0..klen)
 * (only the first FOLD_BUF bytes present when klen is larger, in which
 * case src[0..slen) is the unfolded token); 0 if none. */
static uint32_t child_of(const struct gl_lexicon *lex, uint32_t parent,
                         uint32_t hash, const char *key, size_t klen,
                         const char *src, size_t slen)
{
    size_t mask = lex->tcap - 1, i = hash & mask;

    if (!lex->tcap) return 0;
    for (;; i = (i + 1) & mask) {
        const struct slot *sl = &lex->tab[i];
        if (!sl->child) return 0;
        if (sl->hash != hash || sl->parent != parent || sl->len != klen)
            continue;
        if (klen <= FOLD_BUF ? memcmp(lex->arena + sl->off, key, klen) == 0
                             : fold_eq(src, slen, lex->arena + sl->off, klen))
            return sl->child;
    }
}

static void put_slot(struct slot *tab, size_t cap, const struct slot *s)
{
    size_t i = s->hash & (cap - 1);

    while (tab[i].child) i = (i + 1) & (cap - 1);
    tab[i] = *s;
}

static void grow_table(struct gl_lexicon *lex, size_t ncap)
{
    struct slot *nt = xcalloc(ncap, sizeof *nt);
    size_t i;

    for (i = 0; i < lex->tcap; i++)
        if (lex->tab[i].child) put_slot(nt, ncap, &lex->tab[i]);
    free(lex->tab);
    lex->tab = nt;
    lex->tcap = ncap;
}

static uint32_t new_edge(struct gl_lexicon *lex, uint32_t parent,
                         uint32_t hash, const char *key, size_t klen)
{
    struct slot s;

    if ((lex->tused + 1) * 2 > lex->tcap)
        grow_table(lex, lex->tcap ? lex->tcap * 2 : 1024);
    GL_GROW(lex->term, lex->ncap, lex->nnodes + 1);
    lex->term[lex->nnodes] = -1;
    GL_GROW(lex->arena, lex->acap, lex->alen + klen + 1);
    memcpy(lex->arena + lex->alen, key, klen);
    s.hash = hash;
    s.parent = parent;
    s.child = (uint32_t)lex->nnodes++;
    s.len = (uint32_t)klen;
    s.off = lex->alen;
    lex->alen += klen;
    put_slot(lex->tab, lex->tcap, &s);
    lex->tused++;
    return s.child;
}

/* Walk (and with `create`, extend) the trie along the tokens of s; the
 * final node, or 0 when there is no token or the path is missing. The
 * token array is caller scratch so lookups on a const lexicon work. */
static uint32_t walk(struct gl_lexicon *lex, const char *s, size_t len,
                     int create, struct gl_token **toks, size_t *cap)
{
    size_t n = 0, t;
    uint32_t node = 0;
    char small[FOLD_BUF];

    gl_tokenize(s, len, toks, &n, cap);
    if (n == 0) return 0;
    for (t = 0; t < n; t++) {
        const char *ts = s + (*toks)[t].start;
        size_t tl = (*toks)[t].end - (*toks)[t].start;
        uint64_t h;
        size_t kl = fold(ts, tl, small, sizeof small, &h);
        char *key = small;
        uint32_t hash = edge_hash(node, h), next;

        /* child_of re-folds long tokens itself; only a new edge needs
         * the whole key in memory */
        if (kl > sizeof small && create) {
            key = xmalloc(kl);
            fold(ts, tl, key, kl, &h);
        }
        next = child_of(lex, node, hash, key, kl, ts, tl);
        if (!next && create) next = new_edge(lex, node, hash, key, kl);
        if (key != small) free(key);
        if (!next) return 0;
        node = next;
    }
    return node;
}

/* ---- storage ---- */

/* Make sure the head block has room for n bytes; a new block is at least
 * 4 KB, or n when a caller reserves for a whole file. */
static void strs_reserve(struct gl_lexicon *lex, size_t n)
{
    struct sblock *b = lex->strs;

    if (b && b->cap - b->used >= n) return;
    if (n < 4096) n = 4096;
    b = xmalloc(sizeof *b + n);
    b->next = lex->strs;
    b->used = 0;
    b->cap = n;
    lex->strs = b;
}

/* A NUL-terminated copy of s[0..n) that stays where it is. */
static const char *strs_dup(struct gl_lexicon *lex, const char *s, size_t n)
{
    char *p;

    strs_reserve(lex, n + 1);
    p = lex->strs->data + lex->strs->used;
    if (n) memcpy(p, s, n);
    p[n] = '\0';
    lex->strs->used += n + 1;
    return p;
}

/* Room for `edges` more trie edges and `ents` more entries in one step
 * each, so a loader does not grow them line by line. */
static void reserve(struct gl_lexicon *lex, size_t edges, size_t ents)
{
    size_t ncap = lex->tcap ? lex->tcap : 64;

    while ((lex->tused + edges + 1) * 2 > ncap) ncap *= 2;
    if (ncap != lex->tcap) grow_table(lex, ncap);
    GL_GROW(lex->term, lex->ncap, lex->nnodes + edges);
    GL_GROW(lex->ents, lex->ecap, lex->nents + ents);
}

/* ---- entries ---- */

struct gl_lexicon *gl_lex_new(void)
{
    struct gl_lexicon *lex = xcalloc(1, sizeof *lex);

    GL_GROW(lex->term, lex->ncap, 1);
    lex->term[0] = -1;
    lex->nnodes = 1;
    return lex; /* the table comes with the first edge, sized by a loader */
}

void gl_lex_free(struct gl_lexicon *lex)
{
    size_t i;

    if (!lex) return;
    while (lex->strs) {
        struct sblock *next = lex->strs->next;
        free(lex->strs);
        lex->strs = next;
    }
    free(lex->attrs);
    free(lex->ents);
    free(lex->tab);
    free(lex->term);
    free(lex->arena);
    free(lex->toks);
    for (i = 0; i < lex->nkeys; i++) free(lex->keys[i]);
    free(lex->keys);
    free(lex);
}

long gl_lex_add_valid(struct gl_lexicon *lex, const char *phrase, size_t len)
{
    uint32_t node = walk(lex, phrase, len, 1, &lex->toks, &lex->tokcap);
    struct entry *e;

    if (!node) return -1;
    if (lex->term[node] >= 0) return lex->term[node];
    if (lex->nents >= INT32_MAX) return -1;
    GL_GROW(lex->ents, lex->ecap, lex->nents + 1);
    e = &lex->ents[lex->nents];
    e->phrase = strs_dup(lex, phrase, len);
    e->first = e->nattrs = e->cap = 0;
    lex->term[node] = (int32_t)lex->nents;
    return (long)lex->nents++;
}

/* Invalid UTF-8 is refused like an empty phrase rather than trusted:
 * callers such as the Lua binding pass arbitrary strings. */
long gl_lex_add(struct gl_lexicon *lex, const char *phrase, size_t len)
{
    if (!gl_utf8_valid(phrase, len, NULL)) return -1;
    return gl_lex_add_valid(lex, phrase, len);
}

/* The lexicon's copy of an attribute key, shared by every entry that has
 * it. Lists have a handful of keys; past the first 64 each key gets a
 * copy of its own, so a list with thousands of keys stays linear. */
static char *intern_key(struct gl_lexicon *lex, const char *key, size_t klen)
{
    for (size_t i = 0; i < lex->nkeys && i < 64; i++)
        if (lex->keys[i][0] == key[0] &&
            strncmp(lex->keys[i], key, klen) == 0 && lex->keys[i][klen] == '\0')
            return lex->keys[i];
    GL_GROW(lex->keys, lex->kcap, lex->nkeys + 1);
    return lex->keys[lex->nkeys++] = xmemdup(key, klen);
}

/* One more attribute slot at the end of the entry's run. A run that is
 * the last one in attrs grows in place; any other moves to the end with
 * twice the room (what it leaves behind is not reused: entries given
 * attributes out of order are rare, and freed with the lexicon). */
static struct attr *new_attr(struct gl_lexicon *lex, struct entry *e)
{
    if (e->nattrs == e->cap) {
        size_t ncap = e->cap ? 2 * (size_t)e->cap : 1;

        if (e->cap && e->first + e->cap == lex->nattrs) {
            GL_GROW(lex->attrs, lex->attrcap, lex->nattrs + ncap - e->cap);
            lex->nattrs += ncap - e->cap;
        } else {
            GL_GROW(lex->attrs, lex->attrcap, lex->nattrs + ncap);
            if (e->nattrs)
                memcpy(&lex->attrs[lex->nattrs], &lex->attrs[e->first],
                       e->nattrs * sizeof *lex->attrs);
            e->first = (uint32_t)lex->nattrs;
            lex->nattrs += ncap;
        }
        e->cap = (uint32_t)ncap;
    }
    return &lex->attrs[e->first + e->nattrs++];
}

/* Set key to val; `replace` says what to do when the key exists. */
void gl_lex_put_attr(struct gl_lexicon *lex, uint32_t entry, const char *key,
                     size_t klen, const char *val, size_t vlen, int replace)
{
    struct entry *e;
    struct attr *a;
    size_t i;

    if (entry >= lex->nents) return;
    e = &lex->ents[entry];
    for (i = 0; i < e->nattrs; i++) {
        a = &lex->attrs[e->first + i];
        if (a->klen == klen && memcmp(a->key, key, klen) == 0) {
            if (!replace) return;
            a->val = strs_dup(lex, val, vlen);
            a->vlen = vlen;
            return;
        }
    }
    if (lex->nattrs >= UINT32_MAX / 4) return; /* runs are uint32_t */
    a = new_attr(lex, e);
    a->key = intern_key(lex, key, klen);
    a->klen = klen;
    a->val = strs_dup(lex, val, vlen);
    a->vlen = vlen;
}

/* An existing key gets the new value (files, by contrast, keep the first
 * value: see the loader). */
void gl_lex_set_attr(struct gl_lexicon *lex, uint32_t entry, const char *key,
                     const char *val, size_t vlen)
{
    gl_lex_put_attr(lex, entry, key, strlen(key), val, vlen, 1);
}

size_t gl_lex_size(const struct gl_lexicon *lex) { return lex->nents; }

const char *gl_lex_phrase(const struct gl_lexicon *lex, uint32_t entry)
{
    return entry < lex->nents ? lex->ents[entry].phrase : NULL;
}

size_t gl_lex_nattrs(const struct gl_lexicon *lex, uint32_t entry)
{
    return entry < lex->nents ? lex->ents[entry].nattrs : 0;
}

void gl_lex_attr(const struct gl_lexicon *lex, uint32_t entry, size_t i,
                 const char **key, const char **val, size_t *vlen)
{
    const struct attr *a = NULL;

    if (entry < lex->nents && i < lex->ents[entry].nattrs)
        a = &lex->attrs[lex->ents[entry].first + i];
    if (key) *key = a ? a->key : NULL;
    if (val) *val = a ? a->val : NULL;
    if (vlen) *vlen = a ? a->vlen : 0;
}

long gl_lex_lookup(const struct gl_lexicon *lex, const char *s, size_t len)
{
    struct gl_token *toks = NULL;
    size_t cap = 0;
    uint32_t node;

    if (!gl_utf8_valid(s, len, NULL)) return -1;
    /* walk() does not modify the lexicon when create is 0 */
    node = walk((struct gl_lexicon *)lex, s, len, 0, &toks, &cap);
    free(toks);
    return node ? lex->term[node] : -1;
}

/* ---- scanning ---- */

/* Every token of the document folded once, kept in the document (a
 * cache: its text is untouched, hence the cast). */
static const struct gl_doc_folds *folds_of(const struct gl_doc *cdoc)
{
    struct gl_doc *doc = (struct gl_doc *)cdoc;
    struct gl_doc_folds *f;
    size_t i, total = 0, cap = 0;

    if (doc->folds) return doc->folds;
    f = xcalloc(1, sizeof *f);
    f->hash = xreallocarray(NULL, doc->ntokens ? doc->ntokens : 1, sizeof *f->hash);
    f->off = xreallocarray(NULL, doc->ntokens + 1, sizeof *f->off);
    for (i = 0; i < doc->ntokens; i++) {
        const struct gl_token *t = &doc->tokens[i];
        size_t tl = t->end - t->start, kl;

        /* a fold is at most 3 bytes per input byte (U+2019 -> ' shrinks) */
        GL_GROW(f->bytes, cap, total + 3 * tl + 1);
        kl = fold(doc->bytes + t->start, tl, f->bytes + total, 3 * tl + 1,
                  &f->hash[i]);
        f->off[i] = (uint32_t)total;
        total += kl;
    }
    f->off[doc->ntokens] = (uint32_t)total;
    doc->folds = f;
    return f;
}

/* Leftmost-longest: from each start token follow the trie as far as it
 * goes, remembering the last node that ends an entry; after a match
 * resume behind it. One hash probe per token examined, no allocation. */
size_t gl_lex_scan(const struct gl_lexicon *lex, const struct gl_doc *doc,
                   size_t tok_first, size_t tok_end, gl_lex_cb cb, void *ctx)
{
    const struct gl_doc_folds *f;
    size_t i = tok_first, count = 0;

    if (tok_end > doc->ntokens) tok_end = doc->ntokens;
    if (!lex->nents || tok_first >= tok_end) return 0;
    f = folds_of(doc);
    while (i < tok_end) {
        uint32_t node = 0;
        long best = -1;
        size_t j, best_end = i;

        for (j = i; j < tok_end; j++) {
            const struct gl_token *t = &doc->tokens[j];

            node = child_of(lex, node, edge_hash(node, f->hash[j]),
                            f->bytes + f->off[j], f->off[j + 1] - f->off[j],
                            doc->bytes + t->start, t->end - t->start);
            if (!node) break;
            if (lex->term[node] >= 0) {
                best = lex->term[node];
                best_end = j + 1;
            }
        }
        if (best < 0) {
            i++;
            continue;
        }
        count++;
        if (cb && cb(ctx, (uint32_t)best, i, best_end)) break;
        i = best_end;
    }
    return count;
}

void gl_lex_reserve(struct gl_lexicon *lex, size_t edges, size_t ents,
                    size_t bytes)
{
    reserve(lex, edges, ents);
    strs_reserve(lex, bytes);
}

int gl_lex_has_tokens(struct gl_lexicon *lex, const char *s, size_t n)
{
    size_t ntok = 0;

    gl_tokenize(s, n, &lex->toks, &ntok, &lex->tokcap);
    return ntok > 0;
}

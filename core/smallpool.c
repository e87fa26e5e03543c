/* smallpool.c - size classes with free lists, carved from large chunks.
 * Core layer; see smallpool.h for why. */
#include "smallpool.h"

#include <stdlib.h>
#include <string.h>

#define CHUNK (256 * 1024)

static size_t class_of(size_t n) { return (n + GL_POOL_STEP - 1) / GL_POOL_STEP - 1; }

void gl_pool_init(struct gl_pool *p, int direct)
{
    memset(p, 0, sizeof *p);
    p->direct = direct;
}

void gl_pool_fini(struct gl_pool *p)
{
    for (size_t i = 0; i < p->nchunks; i++) free(p->chunks[i]);
    free(p->chunks);
    memset(p, 0, sizeof *p);
}

static void give(struct gl_pool *p, void *b, size_t c)
{
    memcpy(b, &p->free[c], sizeof(void *));
    p->free[c] = b;
}

static void *take(struct gl_pool *p, size_t c)
{
    size_t size = (c + 1) * GL_POOL_STEP;
    void *b = p->free[c];

    if (b) {
        memcpy(&p->free[c], b, sizeof b); /* the next free block */
        return b;
    }
    if (p->left < size) {
        char *chunk;
        if (p->nchunks == p->capchunks) {
            size_t cap = p->capchunks ? 2 * p->capchunks : 16;
            void **v = realloc(p->chunks, cap * sizeof *v);
            if (!v) return NULL;
            p->chunks = v;
            p->capchunks = cap;
        }
        chunk = malloc(CHUNK);
        if (!chunk) return NULL;
        /* the old chunk's tail is too small for this class: it joins
         * the free list of the class it fits, so nothing is wasted */
        while (p->left >= GL_POOL_STEP) {
            size_t c2 = p->left / GL_POOL_STEP - 1;
            if (c2 >= GL_POOL_NCLASS) c2 = GL_POOL_NCLASS - 1;
            give(p, p->cur, c2);
            p->cur += (c2 + 1) * GL_POOL_STEP;
            p->left -= (c2 + 1) * GL_POOL_STEP;
        }
        p->chunks[p->nchunks++] = chunk;
        p->cur = chunk;
        p->left = CHUNK;
    }
    b = p->cur;
    p->cur += size;
    p->left -= size;
    return b;
}

void *gl_pool_realloc(struct gl_pool *p, void *ptr, size_t osize,
                      size_t nsize)
{
    void *n;

    if (!ptr) osize = 0;
    if (p->direct || (osize > GL_POOL_MAX && nsize > GL_POOL_MAX)) {
        if (nsize == 0) {
            free(ptr);
            return NULL;
        }
        return realloc(ptr, nsize);
    }
    if (nsize == 0) {
        if (osize > GL_POOL_MAX) free(ptr);
        else if (ptr) give(p, ptr, class_of(osize));
        return NULL;
    }
    if (ptr && osize <= GL_POOL_MAX && nsize <= GL_POOL_MAX &&
        class_of(osize) == class_of(nsize))
        return ptr; /* the block already has room */
    n = nsize <= GL_POOL_MAX ? take(p, class_of(nsize)) : malloc(nsize);
    if (!n) return NULL;
    if (ptr) {
        memcpy(n, ptr, osize < nsize ? osize : nsize);
        if (osize > GL_POOL_MAX) free(ptr);
        else give(p, ptr, class_of(osize));
    }
    return n;
}

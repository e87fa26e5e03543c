/* smallpool.h - a size-class allocator for many small, short-lived
 * blocks: the Lua state's tables, strings and closures. Core layer.
 *
 * glibc's malloc spent a fifth of the news preset's time consolidating
 * and unlinking the chunks Lua frees by the million; here a freed small
 * block goes onto the free list of its size class and is handed out again
 * as is. Blocks over GL_POOL_MAX bytes go to malloc. Memory stays with the
 * pool until gl_pool_fini (the heap's high-water mark, which the engine's
 * memory budget bounds anyway). Not thread-safe: one pool per Lua state. */
#ifndef GLOSS_SMALLPOOL_H
#define GLOSS_SMALLPOOL_H

#include <stddef.h>

#define GL_POOL_STEP 16   /* size classes are multiples of this */
#define GL_POOL_MAX 512   /* larger blocks go to malloc */
#define GL_POOL_NCLASS (GL_POOL_MAX / GL_POOL_STEP)

struct gl_pool {
    void *free[GL_POOL_NCLASS]; /* free lists, linked through the blocks */
    char *cur;                  /* bump pointer into the newest chunk */
    size_t left;                /* bytes left there */
    void **chunks;              /* every chunk, for gl_pool_fini */
    size_t nchunks, capchunks;
    int direct;                 /* pass everything to malloc (sanitizer
                                   builds, so they see every block) */
};

void gl_pool_init(struct gl_pool *p, int direct);
void gl_pool_fini(struct gl_pool *p);

/* Like realloc with the old size given (ptr NULL: osize ignored); nsize 0
 * frees and returns NULL. Returns NULL when memory is exhausted, leaving
 * ptr untouched. */
void *gl_pool_realloc(struct gl_pool *p, void *ptr, size_t osize,
                      size_t nsize);

#endif

/* sha256.h - SHA-256 (FIPS 180-4), written here. Core layer. */
#ifndef GLOSS_SHA256_H
#define GLOSS_SHA256_H

#include <stddef.h>
#include <stdint.h>

struct gl_sha256 {
    uint32_t h[8];
    uint64_t nbytes;
    uint8_t block[64];
    size_t fill;
};

void gl_sha256_init(struct gl_sha256 *c);
void gl_sha256_update(struct gl_sha256 *c, const void *p, size_t n);
void gl_sha256_final(struct gl_sha256 *c, uint8_t out[32]);

/* Use the portable code even where the CPU has SHA instructions (on), or
 * the fastest available (off, the default). Returns 1 when the hardware
 * path is now in use. For tests and benchmarks. */
int gl_sha256_portable(int on);

#endif

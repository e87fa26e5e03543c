/* sha256.c - SHA-256 as specified in FIPS 180-4, section 6.2. Core layer.
 * Identifies an article's exact bytes in the output, so annotations can
 * be checked against the file they were made on. */
#include "sha256.h"

#include <string.h>

/* First 32 bits of the fractional parts of the cube roots of the first 64
 * primes (FIPS 180-4, 4.2.2). */
static const uint32_t K[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1,
    0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
    0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
    0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147,
    0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
    0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
    0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
    0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
    0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

static uint32_t rotr(uint32_t x, unsigned n)
{
    return (x >> n) | (x << (32 - n));
}

static uint32_t be32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
           (uint32_t)p[2] << 8 | (uint32_t)p[3];
}

/* The sigma functions with the rotations nested, ror(ror(x, a) ^ x, b)
 * = ror(x, a + b) ^ ror(x, b): fewer register copies where a rotate
 * overwrites its operand, as on x86-64 without BMI2. */
#define BSIG1(e) rotr(rotr(rotr((e), 14) ^ (e), 5) ^ (e), 6)
#define BSIG0(a) rotr(rotr(rotr((a), 9) ^ (a), 11) ^ (a), 2)
#define SSIG0(x) (rotr(rotr((x), 11) ^ (x), 7) ^ ((x) >> 3))
#define SSIG1(x) (rotr(rotr((x), 2) ^ (x), 17) ^ ((x) >> 10))

/* One round, with the eight working variables renamed rather than moved:
 * the caller rotates the argument order, so after eight rounds the names
 * are back where they started. Ch and Maj in their three- and four-
 * operation forms. */
#define ROUND(a, b, c, d, e, f, g, h, kw)                                  \
    do {                                                                   \
        uint32_t t1_ = (h) + BSIG1(e) + ((g) ^ ((e) & ((f) ^ (g)))) + (kw); \
        (d) += t1_;                                                        \
        (h) = t1_ + BSIG0(a) + (((a) & (b)) ^ ((c) & ((a) ^ (b))));        \
    } while (0)

#define EIGHT(t, W)                                                        \
    do {                                                                   \
        ROUND(a, b, c, d, e, f, g, hh, K[(t)] + W((t)));                   \
        ROUND(hh, a, b, c, d, e, f, g, K[(t) + 1] + W((t) + 1));           \
        ROUND(g, hh, a, b, c, d, e, f, K[(t) + 2] + W((t) + 2));           \
        ROUND(f, g, hh, a, b, c, d, e, K[(t) + 3] + W((t) + 3));           \
        ROUND(e, f, g, hh, a, b, c, d, K[(t) + 4] + W((t) + 4));           \
        ROUND(d, e, f, g, hh, a, b, c, K[(t) + 5] + W((t) + 5));           \
        ROUND(c, d, e, f, g, hh, a, b, K[(t) + 6] + W((t) + 6));           \
        ROUND(b, c, d, e, f, g, hh, a, K[(t) + 7] + W((t) + 7));           \
    } while (0)

/* The message schedule in a 16-word ring: W[t] for t >= 16 overwrites
 * W[t-16], the only word it replaces that no later round still needs. */
#define W_LOAD(t) (w[(t)] = be32(blk + 4 * (t)))
#define W_NEXT(t)                                                          \
    (w[(t) & 15] += SSIG1(w[((t) - 2) & 15]) + w[((t) - 7) & 15] +         \
                    SSIG0(w[((t) - 15) & 15]))

/* FIPS 180-4, 6.2.2, fully unrolled: the rolled loop spent half its
 * instructions shuffling variables and indexing a 64-word schedule, and
 * this path is what runs on CPUs without the SHA extensions. */
static void compress_c(uint32_t h[8], const uint8_t *blk)
{
    uint32_t w[16];
    uint32_t a = h[0], b = h[1], c = h[2], d = h[3];
    uint32_t e = h[4], f = h[5], g = h[6], hh = h[7];

    EIGHT(0, W_LOAD);
    EIGHT(8, W_LOAD);
    EIGHT(16, W_NEXT);
    EIGHT(24, W_NEXT);
    EIGHT(32, W_NEXT);
    EIGHT(40, W_NEXT);
    EIGHT(48, W_NEXT);
    EIGHT(56, W_NEXT);
    h[0] += a, h[1] += b, h[2] += c, h[3] += d;
    h[4] += e, h[5] += f, h[6] += g, h[7] += hh;
}

#if defined(__x86_64__) && defined(__GNUC__)
/* The x86 SHA extensions (SHA-NI): the same rounds, four at a time in
 * hardware, about ten times the portable speed. Every article is hashed,
 * and the portable code was about 15% of an article's work. Chosen at run
 * time: compiled for any x86-64, used only where CPUID says the
 * instructions exist. */
#include <cpuid.h>
#include <immintrin.h>

__attribute__((target("sha,sse4.1")))
static void compress_shani(uint32_t h[8], const uint8_t *blk)
{
    /* big-endian message words, and the state in the register order the
     * instructions use: {A,B,E,F} and {C,D,G,H} */
    const __m128i bswap = _mm_set_epi64x(0x0c0d0e0f08090a0bULL,
                                         0x0405060700010203ULL);
    __m128i dcba = _mm_loadu_si128((const __m128i *)&h[0]);
    __m128i hgfe = _mm_loadu_si128((const __m128i *)&h[4]);
    __m128i cdab = _mm_shuffle_epi32(dcba, 0xB1);
    __m128i efgh = _mm_shuffle_epi32(hgfe, 0x1B);
    __m128i abef = _mm_alignr_epi8(cdab, efgh, 8);
    __m128i cdgh = _mm_blend_epi16(efgh, cdab, 0xF0);
    __m128i abef0 = abef, cdgh0 = cdgh, w[16], k;
    int g;

    for (g = 0; g < 16; g++) {
        /* W[t] for rounds 4g..4g+3: loaded for the first 16 rounds, then
         * W[t] = s1(W[t-2]) + W[t-7] + s0(W[t-15]) + W[t-16] */
        if (g < 4)
            w[g] = _mm_shuffle_epi8(
                _mm_loadu_si128((const __m128i *)(blk + 16 * g)), bswap);
        else
            w[g] = _mm_sha256msg2_epu32(
                _mm_add_epi32(_mm_sha256msg1_epu32(w[g - 4], w[g - 3]),
                              _mm_alignr_epi8(w[g - 1], w[g - 2], 4)),
                w[g - 1]);
        k = _mm_add_epi32(w[g], _mm_loadu_si128((const __m128i *)&K[4 * g]));
        cdgh = _mm_sha256rnds2_epu32(cdgh, abef, k);
        abef = _mm_sha256rnds2_epu32(abef, cdgh, _mm_shuffle_epi32(k, 0x0E));
    }
    abef = _mm_add_epi32(abef, abef0);
    cdgh = _mm_add_epi32(cdgh, cdgh0);
    /* back to h[0..7] = A..H */
    {
        __m128i feba = _mm_shuffle_epi32(abef, 0x1B);
        __m128i dchg = _mm_shuffle_epi32(cdgh, 0xB1);
        _mm_storeu_si128((__m128i *)&h[0], _mm_blend_epi16(feba, dchg, 0xF0));
        _mm_storeu_si128((__m128i *)&h[4], _mm_alignr_epi8(dchg, feba, 8));
    }
}

static int have_shani(void)
{
    unsigned a, b, c, d;

    if (!__get_cpuid_count(7, 0, &a, &b, &c, &d)) return 0;
    if (!(b & (1u << 29))) return 0;             /* SHA */
    if (!__get_cpuid(1, &a, &b, &c, &d)) return 0;
    return (c & (1u << 19)) && (c & (1u << 9));  /* SSE4.1, SSSE3 */
}

static int use_shani = -1; /* -1: CPUID not asked yet */

static void compress(uint32_t h[8], const uint8_t *blk)
{
    if (use_shani < 0) use_shani = have_shani();
    if (use_shani)
        compress_shani(h, blk);
    else
        compress_c(h, blk);
}

int gl_sha256_portable(int on)
{
    use_shani = on ? 0 : have_shani();
    return use_shani;
}
#else
static void compress(uint32_t h[8], const uint8_t *blk)
{
    compress_c(h, blk);
}

int gl_sha256_portable(int on)
{
    (void)on;
    return 0;
}
#endif

void gl_sha256_init(struct gl_sha256 *c)
{
    /* FIPS 180-4, 5.3.3: square roots of the first 8 primes. */
    static const uint32_t iv[8] = {
        0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
        0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
    };
    memcpy(c->h, iv, sizeof iv);
    c->nbytes = 0;
    c->fill = 0;
}

void gl_sha256_update(struct gl_sha256 *c, const void *p, size_t n)
{
    const uint8_t *s = p;

    c->nbytes += n;
    if (c->fill) {
        size_t take = 64 - c->fill < n ? 64 - c->fill : n;
        memcpy(c->block + c->fill, s, take);
        c->fill += take, s += take, n -= take;
        if (c->fill < 64) return;
        compress(c->h, c->block);
        c->fill = 0;
    }
    /* Whole blocks straight from the caller's buffer, no copy. */
    for (; n >= 64; s += 64, n -= 64) compress(c->h, s);
    memcpy(c->block, s, n);
    c->fill = n;
}

void gl_sha256_final(struct gl_sha256 *c, uint8_t out[32])
{
    uint64_t bits = c->nbytes * 8;
    int i;

    /* Padding (5.1.1): a 1 bit, zeros, then the 64-bit big-endian length
     * ending a block. */
    c->block[c->fill++] = 0x80;
    if (c->fill > 56) {
        memset(c->block + c->fill, 0, 64 - c->fill);
        compress(c->h, c->block);
        c->fill = 0;
    }
    memset(c->block + c->fill, 0, 56 - c->fill);
    for (i = 0; i < 8; i++) c->block[56 + i] = (uint8_t)(bits >> (56 - 8 * i));
    compress(c->h, c->block);
    for (i = 0; i < 8; i++) {
        out[4 * i] = (uint8_t)(c->h[i] >> 24);
        out[4 * i + 1] = (uint8_t)(c->h[i] >> 16);
        out[4 * i + 2] = (uint8_t)(c->h[i] >> 8);
        out[4 * i + 3] = (uint8_t)c->h[i];
    }
}

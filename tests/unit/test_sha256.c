/* test_sha256.c - unit tests of core/sha256.c: the FIPS 180-2 example
 * vectors, padding edge lengths and independence from how the input is
 * split across update calls. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "sha256.h"

static void hex(const uint8_t d[32], char out[65])
{
    for (int i = 0; i < 32; i++) snprintf(out + 2 * i, 3, "%02x", d[i]);
}

static void digest(const void *p, size_t n, char out[65])
{
    struct gl_sha256 c;
    uint8_t d[32];
    gl_sha256_init(&c);
    gl_sha256_update(&c, p, n);
    gl_sha256_final(&c, d);
    hex(d, out);
}

static const struct {
    const char *msg, *want;
} vectors[] = {
    {"", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
    {"abc",
     "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
    /* the 448-bit message */
    {"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
     "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"},
    /* the 896-bit message */
    {"abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmno"
     "ijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
     "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"},
};

static void test_standard_vectors(void)
{
    char got[65];
    for (size_t i = 0; i < sizeof vectors / sizeof vectors[0]; i++) {
        digest(vectors[i].msg, strlen(vectors[i].msg), got);
        CHECKF(strcmp(got, vectors[i].want) == 0, "\"%.20s\": %s",
               vectors[i].msg, got);
    }
}

/* The same vectors through the portable code, which otherwise runs only
 * on CPUs without the SHA extensions (and under valgrind). */
static void test_standard_vectors_portable(void)
{
    char got[65];

    gl_sha256_portable(1);
    for (size_t i = 0; i < sizeof vectors / sizeof vectors[0]; i++) {
        digest(vectors[i].msg, strlen(vectors[i].msg), got);
        CHECKF(strcmp(got, vectors[i].want) == 0, "\"%.20s\": %s",
               vectors[i].msg, got);
    }
    gl_sha256_portable(0);
}

/* One million 'a' fed in chunks of odd, varying sizes (1, 3, 5, ... 127),
 * so chunks straddle block boundaries in every way. */
static void test_million_a_chunked(void)
{
    static char buf[128];
    struct gl_sha256 c;
    uint8_t d[32];
    char got[65];
    size_t left = 1000000, k = 1;

    memset(buf, 'a', sizeof buf);
    gl_sha256_init(&c);
    while (left) {
        size_t n = k < left ? k : left;
        gl_sha256_update(&c, buf, n);
        left -= n;
        k = k + 2 > 127 ? 1 : k + 2;
    }
    gl_sha256_final(&c, d);
    hex(d, got);
    CHECK(strcmp(got, "cdc76e5c9914fb9281a1c7e284d73e67"
                      "f1809a48a497200e046d39ccc7112cd0") == 0);
}

/* Lengths around the padding boundary (55 fits the length in one block,
 * 56 needs a second); digests computed independently with hashlib. */
static void test_padding_lengths(void)
{
    static const struct {
        size_t n;
        const char *want;
    } cases[] = {
        {55, "e7313d333c272e639f790978283f9eb3"
             "92e843d0f29b7016828bb1daa4aac70b"},
        {56, "4324d65f3c103567f5589c710bc08f85"
             "23f929a9272e3af36fc968e52abc6c27"},
        {57, "35df609437dcfea3279283ab79fd554e"
             "2bf78f8f7ae2de532d8ee300b09e8f73"},
        {63, "81c80242132f230c3bd41b3e63bbcff1"
             "6107339549214a99614ff26664625055"},
        {64, "39e3d7b6b5d075d37d053ad89b24b41b"
             "ef4f3c29760c84447cab3f3be1882241"},
        {65, "aacca6ff74fdbb296d165a45cecfa04e"
             "5127bc008770fbbdd48006f2d2fae95e"},
        {119, "9ce7368e4daf32341631b492e80359dc"
             "9f594b48453cd0dd5bf0b19279cc177e"},
        {120, "7836b787757e95e58b3ca5aec90b1b00"
             "4e8deba1e50e9675af9cabf1a13a04b5"},
        {128, "d2742f1f4ac6bb7ca2b239ee18402ba8"
             "b3f9f8e652d2a72973c2b9ba11c08cf6"},
    };
    uint8_t msg[128];
    char got[65];

    for (size_t i = 0; i < sizeof msg; i++) msg[i] = (uint8_t)(i * 7 + 3);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        digest(msg, cases[i].n, got);
        CHECKF(strcmp(got, cases[i].want) == 0, "length %zu: %s", cases[i].n,
               got);
    }
}

/* Any split of a message into two updates gives the one-shot digest. */
static void test_split_invariance(void)
{
    uint8_t msg[300], d[32];
    char whole[65], got[65];

    for (size_t i = 0; i < sizeof msg; i++) msg[i] = (uint8_t)(i * 31 + 1);
    digest(msg, sizeof msg, whole);
    for (size_t cut = 0; cut <= sizeof msg; cut++) {
        struct gl_sha256 c;
        gl_sha256_init(&c);
        gl_sha256_update(&c, msg, cut);
        gl_sha256_update(&c, msg + cut, 0);
        gl_sha256_update(&c, msg + cut, sizeof msg - cut);
        gl_sha256_final(&c, d);
        hex(d, got);
        CHECKF(strcmp(got, whole) == 0, "cut at %zu", cut);
    }
}

/* The hardware path (where the CPU has one) and the portable code agree
 * on every length around the block boundaries and on random data. */
static void test_hardware_matches_portable(void)
{
    static uint8_t buf[4096];
    uint32_t x = 12345;
    size_t len;
    int hw;

    for (size_t i = 0; i < sizeof buf; i++) {
        x = x * 1103515245u + 12345u;
        buf[i] = (uint8_t)(x >> 16);
    }
    hw = gl_sha256_portable(0);
    printf("# SHA-256 hardware path %s\n", hw ? "in use" : "not available");
    for (len = 0; len <= sizeof buf; len += len < 300 ? 1 : 97) {
        struct gl_sha256 c;
        uint8_t a[32], b[32];

        gl_sha256_portable(0);
        gl_sha256_init(&c);
        gl_sha256_update(&c, buf, len);
        gl_sha256_final(&c, a);
        gl_sha256_portable(1);
        gl_sha256_init(&c);
        gl_sha256_update(&c, buf, len);
        gl_sha256_final(&c, b);
        CHECKF(memcmp(a, b, 32) == 0, "length %zu", len);
    }
    gl_sha256_portable(0);
}

int main(void)
{
    RUN(test_hardware_matches_portable);
    RUN(test_standard_vectors);
    RUN(test_standard_vectors_portable);
    RUN(test_million_a_chunked);
    RUN(test_padding_lengths);
    RUN(test_split_invariance);
    return check_done();
}

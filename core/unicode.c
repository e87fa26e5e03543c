/* unicode.c - character classes and simple lowercase folding over the
 * tables generated into unicode_tables.c. Core layer. ASCII, the bulk of
 * news text, is answered without a search. */
#include "unicode.h"

#include <stddef.h>

/* Defined in the generated unicode_tables.c. */
extern const uint8_t gl_uc_ascii[128];
extern const uint32_t gl_uc_ranges[][3];
extern const size_t gl_uc_nranges;
extern const int32_t gl_uc_folds[][4];
extern const size_t gl_uc_nfolds;

enum gl_uclass gl_uclass(uint32_t cp)
{
    size_t lo = 0, hi = gl_uc_nranges;

    if (cp < 128) return (enum gl_uclass)gl_uc_ascii[cp];
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (cp < gl_uc_ranges[mid][0]) hi = mid;
        else if (cp > gl_uc_ranges[mid][1]) lo = mid + 1;
        else return (enum gl_uclass)gl_uc_ranges[mid][2];
    }
    return GL_UC_OTHER;
}

uint32_t gl_ufold(uint32_t cp)
{
    size_t lo = 0, hi = gl_uc_nfolds;

    if (cp < 128) return (cp >= 'A' && cp <= 'Z') ? cp + 32 : cp;
    if (cp > 0x10FFFF) return cp;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const int32_t *r = gl_uc_folds[mid];
        if ((int32_t)cp < r[0]) hi = mid;
        else if ((int32_t)cp > r[1]) lo = mid + 1;
        else if (((int32_t)cp - r[0]) % r[2] != 0) return cp;
        else return (uint32_t)((int32_t)cp + r[3]);
    }
    return cp;
}

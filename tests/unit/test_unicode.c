/* test_unicode.c - unit tests of core/unicode.c and the generated
 * core/unicode_tables.c: classes and simple lowercase of chosen characters
 * and consistency checks over the tables. */
#include <stddef.h>
#include <stdint.h>

#include "check.h"
#include "unicode.h"

/* The generated tables, to check their shape directly. */
extern const uint8_t gl_uc_ascii[128];
extern const uint32_t gl_uc_ranges[][3];
extern const size_t gl_uc_nranges;
extern const int32_t gl_uc_folds[][4];
extern const size_t gl_uc_nfolds;

static const struct {
    uint32_t cp;
    enum gl_uclass cls;
    const char *what;
} class_cases[] = {
    {'A', GL_UC_UPPER, "A"},
    {'a', GL_UC_LOWER, "a"},
    {0x00E9, GL_UC_LOWER, "e acute"},
    {0x00C9, GL_UC_UPPER, "E acute"},
    {0x00DF, GL_UC_LOWER, "sharp s"},
    {0x01C5, GL_UC_UPPER, "titlecase Dz with caron (Lt)"},
    {0x0628, GL_UC_LETTER, "Arabic beh"},
    {0x4E2D, GL_UC_LETTER, "CJK zhong"},
    {0x3042, GL_UC_LETTER, "hiragana a"},
    {0x02B0, GL_UC_LETTER, "modifier letter h (Lm)"},
    {'0', GL_UC_DIGIT, "digit 0"},
    {'9', GL_UC_DIGIT, "digit 9"},
    {0x0663, GL_UC_DIGIT, "Arabic-Indic three"},
    {0x00BD, GL_UC_NUMBER, "one half (No)"},
    {0x216B, GL_UC_NUMBER, "Roman numeral twelve (Nl)"},
    {'.', GL_UC_PUNCT, "full stop"},
    {'-', GL_UC_PUNCT, "hyphen-minus"},
    {'_', GL_UC_PUNCT, "low line (Pc)"},
    {0x201C, GL_UC_PUNCT, "left double quotation mark"},
    {0x2019, GL_UC_PUNCT, "right single quotation mark"},
    {0x00AB, GL_UC_PUNCT, "left guillemet"},
    {0x2014, GL_UC_PUNCT, "em dash"},
    {'$', GL_UC_SYMBOL, "dollar"},
    {'+', GL_UC_SYMBOL, "plus"},
    {0x20AC, GL_UC_SYMBOL, "euro"},
    {0x1F600, GL_UC_SYMBOL, "grinning face emoji"},
    {0x00A9, GL_UC_SYMBOL, "copyright"},
    {' ', GL_UC_SPACE, "space"},
    {'\t', GL_UC_SPACE, "tab"},
    {'\n', GL_UC_SPACE, "line feed"},
    {'\v', GL_UC_SPACE, "vertical tab"},
    {'\f', GL_UC_SPACE, "form feed"},
    {'\r', GL_UC_SPACE, "carriage return"},
    {0x0085, GL_UC_SPACE, "next line NEL"},
    {0x00A0, GL_UC_SPACE, "no-break space"},
    {0x2009, GL_UC_SPACE, "thin space"},
    {0x3000, GL_UC_SPACE, "ideographic space"},
    {0x2028, GL_UC_LINESEP, "line separator"},
    {0x2029, GL_UC_LINESEP, "paragraph separator"},
    {0x200B, GL_UC_OTHER, "zero width space (Cf)"},
    {0xFEFF, GL_UC_OTHER, "BOM / ZWNBSP (Cf)"},
    {0x00AD, GL_UC_OTHER, "soft hyphen (Cf)"},
    {0x0301, GL_UC_MARK, "combining acute (Mn)"},
    {0x0903, GL_UC_MARK, "Devanagari visarga (Mc)"},
    {0x20DD, GL_UC_MARK, "combining enclosing circle (Me)"},
    {0x0000, GL_UC_CONTROL, "NUL"},
    {0x001B, GL_UC_CONTROL, "escape"},
    {0x007F, GL_UC_CONTROL, "delete"},
    {0x0080, GL_UC_CONTROL, "C1 control 0x80"},
    {0x0378, GL_UC_OTHER, "unassigned"},
    {0xE000, GL_UC_OTHER, "private use"},
    {0xD800, GL_UC_OTHER, "surrogate"},
    {0x10FFFF, GL_UC_OTHER, "last code point (noncharacter)"},
    {0x110000, GL_UC_OTHER, "beyond Unicode"},
    {0xFFFFFFFF, GL_UC_OTHER, "way beyond Unicode"},
};

static void test_classes(void)
{
    for (size_t i = 0; i < sizeof class_cases / sizeof class_cases[0]; i++)
        CHECKF(gl_uclass(class_cases[i].cp) == class_cases[i].cls,
               "%s U+%04X: got %d want %d", class_cases[i].what,
               (unsigned)class_cases[i].cp, (int)gl_uclass(class_cases[i].cp),
               (int)class_cases[i].cls);
}

static void test_class_predicates(void)
{
    CHECK(gl_uc_is_letter(gl_uclass('Q')));
    CHECK(gl_uc_is_letter(gl_uclass(0x01C5)));
    CHECK(gl_uc_is_letter(gl_uclass(0x0628)));
    CHECK(!gl_uc_is_letter(gl_uclass('7')));
    CHECK(!gl_uc_is_letter(gl_uclass(0x0301)));
    CHECK(gl_uc_is_space(gl_uclass(0x00A0)));
    CHECK(gl_uc_is_space(gl_uclass(0x2029)));
    CHECK(!gl_uc_is_space(gl_uclass(0x200B)));
}

/* U+0130 (I with dot above) stays itself: its lowercase is "i" plus
 * U+0307, two code points, and gl_ufold only maps 1:1. */
static const struct {
    uint32_t cp, fold;
} fold_cases[] = {
    {'A', 'a'},         {'Z', 'z'},         {'a', 'a'},
    {'@', '@'},         {'[', '['},         {'5', '5'},
    {0x00C9, 0x00E9},   {0x00E9, 0x00E9},   {0x00D7, 0x00D7}, /* x sign */
    {0x03A3, 0x03C3},   {0x03C2, 0x03C2},   {0x0414, 0x0434},
    {0x0130, 0x0130},   {0x0049, 0x0069},   {0x0131, 0x0131},
    {0x01C5, 0x01C6},   {0x01C4, 0x01C6},   {0x01C6, 0x01C6},
    {0x2126, 0x03C9},   {0x212A, 'k'},      {0x1E9E, 0x00DF},
    {0x0100, 0x0101},   {0x0101, 0x0101},   {0x012E, 0x012F},
    {0x0141, 0x0142},   {0x0178, 0x00FF},   {0x10400, 0x10428},
    {0x216B, 0x217B},   {0x24B6, 0x24D0},   {0xFF21, 0xFF41},
    {0x1F600, 0x1F600}, {0x110000, 0x110000}, {0xD800, 0xD800},
};

static void test_folds(void)
{
    for (size_t i = 0; i < sizeof fold_cases / sizeof fold_cases[0]; i++)
        CHECKF(gl_ufold(fold_cases[i].cp) == fold_cases[i].fold,
               "U+%04X -> U+%04X, want U+%04X", (unsigned)fold_cases[i].cp,
               (unsigned)gl_ufold(fold_cases[i].cp),
               (unsigned)fold_cases[i].fold);
}

/* Ranges sorted, disjoint, within Unicode and never GL_UC_OTHER; the ASCII
 * fast-path table agrees with them. */
static void test_table_shape(void)
{
    for (size_t i = 0; i < gl_uc_nranges; i++) {
        CHECK(gl_uc_ranges[i][0] <= gl_uc_ranges[i][1]);
        CHECK(gl_uc_ranges[i][1] <= 0x10FFFF);
        CHECK(gl_uc_ranges[i][2] != GL_UC_OTHER);
        CHECK(gl_uc_ranges[i][2] <= GL_UC_CONTROL);
        if (i > 0) CHECK(gl_uc_ranges[i - 1][1] < gl_uc_ranges[i][0]);
    }
    for (uint32_t cp = 0; cp < 128; cp++) {
        uint8_t want = GL_UC_OTHER;
        for (size_t i = 0; i < gl_uc_nranges; i++)
            if (gl_uc_ranges[i][0] <= cp && cp <= gl_uc_ranges[i][1])
                want = (uint8_t)gl_uc_ranges[i][2];
        CHECKF(gl_uc_ascii[cp] == want, "ASCII %u", (unsigned)cp);
    }
    for (size_t i = 0; i < gl_uc_nfolds; i++) {
        CHECK(gl_uc_folds[i][0] <= gl_uc_folds[i][1]);
        CHECK(gl_uc_folds[i][2] == 1 || gl_uc_folds[i][2] == 2);
        if (i > 0) CHECK(gl_uc_folds[i - 1][1] < gl_uc_folds[i][0]);
    }
}

/* Over every code point: folding is idempotent and stays in Unicode, and
 * a folded upper-case letter becomes a non-upper letter. */
static void test_fold_all(void)
{
    unsigned long bad = 0, nfolded = 0;
    for (uint32_t cp = 0; cp <= 0x10FFFF; cp++) {
        uint32_t f = gl_ufold(cp);
        int ok = f <= 0x10FFFF && gl_ufold(f) == f;
        if (f != cp) {
            nfolded++;
            ok = ok && gl_uc_is_letter(gl_uclass(f)) ==
                           gl_uc_is_letter(gl_uclass(cp));
        }
        if (!ok && bad++ < 5) CHECKF(0, "U+%04X -> U+%04X", (unsigned)cp,
                                     (unsigned)f);
    }
    CHECK(bad == 0);
    /* Unicode 14 has about 1400 such mappings; a broken table has far
     * fewer or far more */
    CHECKF(nfolded > 1300 && nfolded < 1600, "%lu", nfolded);
}

int main(void)
{
    RUN(test_classes);
    RUN(test_class_predicates);
    RUN(test_folds);
    RUN(test_table_shape);
    RUN(test_fold_all);
    return check_done();
}

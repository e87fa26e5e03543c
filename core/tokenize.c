/* tokenize.c - splitting text into word, number, punctuation, quote and
 * symbol tokens (gl_tokenize). Core layer. The same rules serve articles
 * (via gl_segment, which also derives paragraphs from the gaps between
 * tokens) and lexicon phrases, so both split identically. */
#include "segment.h"

#include "unicode.h"
#include "utf8.h"
#include "util.h"

/* Character classes of the tokenizer. */
enum {
    K_SPACE, K_INVIS, K_PUNCT, K_SYMBOL, K_QUOTE,
    K_UPPER, K_LOWER, K_LETTER, K_MARK, K_DIGIT, K_NUM
};
#define K_IS_WORD(k) ((k) >= K_UPPER)
#define K_IS_LETTER(k) ((k) >= K_UPPER && (k) <= K_LETTER)
#define K_IS_NUMERIC(k) ((k) == K_DIGIT || (k) == K_NUM)

struct ch {
    uint32_t cp;
    uint8_t k; /* K_* */
    uint8_t n; /* bytes; 0 at the end of the text */
};

/* ASCII classes; bytes >= 0x80 go through gl_uclass(). Controls other than
 * the usual whitespace count as space: they carry no text. */
#define S_ K_SPACE
#define U_ K_UPPER
#define L_ K_LOWER
#define D_ K_DIGIT
#define P_ K_PUNCT
#define Y_ K_SYMBOL
#define Q_ K_QUOTE
static const unsigned char ascii_class[128] = {
    S_, S_, S_, S_, S_, S_, S_, S_, S_, S_, S_, S_, S_, S_, S_, S_,
    S_, S_, S_, S_, S_, S_, S_, S_, S_, S_, S_, S_, S_, S_, S_, S_,
    /*  sp  !   "   #   $   %   &   '   (   )   *   +   ,   -   .   / */
    S_, P_, Q_, P_, Y_, Y_, P_, Q_, P_, P_, P_, Y_, P_, P_, P_, P_,
    /*  0-9                                    :   ;   <   =   >   ? */
    D_, D_, D_, D_, D_, D_, D_, D_, D_, D_, P_, P_, Y_, Y_, Y_, P_,
    /*  @   A-O */
    P_, U_, U_, U_, U_, U_, U_, U_, U_, U_, U_, U_, U_, U_, U_, U_,
    /*  P-Z                                        [   \   ]   ^   _ */
    U_, U_, U_, U_, U_, U_, U_, U_, U_, U_, U_, P_, P_, P_, Y_, P_,
    /*  `   a-o */
    Q_, L_, L_, L_, L_, L_, L_, L_, L_, L_, L_, L_, L_, L_, L_, L_,
    /*  p-z                                        {   |   }   ~  DEL */
    L_, L_, L_, L_, L_, L_, L_, L_, L_, L_, L_, P_, Y_, P_, Y_, S_,
};
#undef S_
#undef U_
#undef L_
#undef D_
#undef P_
#undef Y_
#undef Q_

static int quote_cp(uint32_t cp)
{
    switch (cp) {
    case '"': case '\'': case '`':
    case 0x00AB: case 0x00BB:                  /* « » */
    case 0x2018: case 0x2019: case 0x201A: case 0x201B:
    case 0x201C: case 0x201D: case 0x201E: case 0x201F:
    case 0x2039: case 0x203A:                  /* ‹ › */
        return 1;
    default:
        return 0;
    }
}

/* Format characters that render as nothing: skipped like space, but kept
 * inside a word when they join two word characters (soft hyphen, ZWJ). */
static int invisible(uint32_t cp)
{
    return cp == 0x00AD || (cp >= 0x200B && cp <= 0x200F) ||
           (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2060 && cp <= 0x2064) ||
           cp == 0xFEFF || cp == 0x034F;
}

static struct ch peek_slow(const char *s, size_t i)
{
    struct ch c;
    size_t j = i;

    c.cp = gl_utf8_next(s, &j);
    c.n = (uint8_t)(j - i);
    if (quote_cp(c.cp)) {
        c.k = K_QUOTE;
        return c;
    }
    if (invisible(c.cp)) {
        c.k = K_INVIS;
        return c;
    }
    switch (gl_uclass(c.cp)) {
    case GL_UC_UPPER: c.k = K_UPPER; break;
    case GL_UC_LOWER: c.k = K_LOWER; break;
    case GL_UC_LETTER: c.k = K_LETTER; break;
    case GL_UC_MARK: c.k = K_MARK; break;
    case GL_UC_DIGIT: c.k = K_DIGIT; break;
    case GL_UC_NUMBER: c.k = K_NUM; break;
    case GL_UC_PUNCT:
        /* per mille signs are punctuation to Unicode but units to readers */
        c.k = (c.cp == 0x2030 || c.cp == 0x2031) ? K_SYMBOL : K_PUNCT;
        break;
    case GL_UC_SPACE: case GL_UC_LINESEP: case GL_UC_CONTROL:
        c.k = K_SPACE;
        break;
    default: c.k = K_SYMBOL; break;
    }
    return c;
}

/* The character at i, or an end marker (space, n = 0) past the text. */
static inline struct ch peek(const char *s, size_t len, size_t i)
{
    struct ch c;

    if (i >= len) {
        c.cp = 0;
        c.k = K_SPACE;
        c.n = 0;
        return c;
    }
    c.cp = (unsigned char)s[i];
    if (c.cp < 0x80) {
        c.k = ascii_class[c.cp];
        c.n = 1;
        return c;
    }
    return peek_slow(s, i);
}

static int is_hyphen(uint32_t cp)
{
    return cp == '-' || cp == 0x2010 || cp == 0x2011;
}

static int is_apos(uint32_t cp)
{
    return cp == '\'' || cp == 0x2019;
}

/* A single letter (with any marks) at i, not followed by another word
 * character: one segment of an initialism such as U.S. or e.g. Returns
 * its end (0 if there is none) and its class in *k. */
static size_t single_letter(const char *s, size_t len, size_t i, uint8_t *k)
{
    struct ch c = peek(s, len, i);
    size_t j;

    if (!K_IS_LETTER(c.k)) return 0;
    *k = c.k;
    j = i + c.n;
    for (;;) {
        c = peek(s, len, j);
        if (c.k != K_MARK) break;
        j += c.n;
    }
    return K_IS_WORD(c.k) ? 0 : j;
}

struct wstate {
    int has_letter, has_lower, has_upper;
    int seglen; /* letters since the token start or the last joiner; an
                   initialism needs segments of exactly one letter */
    int abbr;   /* at least one ".X" of an initialism was taken */
};

static void take_letter(struct wstate *w, uint8_t k)
{
    w->has_letter = 1;
    if (k == K_LOWER) w->has_lower = 1;
    if (k == K_UPPER) w->has_upper = 1;
}

/* Scan a word or number starting at i; returns its end and sets kind and
 * flags. Each joiner is taken only between the characters its rule names,
 * so a trailing apostrophe (protesters') or hyphen stays outside: the
 * apostrophe becomes a QUOTE token and gl_find_quotes decides whether it
 * closes a quotation, since only it knows whether one is open. */
static size_t scan_word(const char *s, size_t len, size_t i, uint8_t *kind,
                        uint8_t *flags)
{
    struct wstate w = {0, 0, 0, 0, 0};
    uint8_t prevk = K_SPACE; /* class of the last character taken */
    struct ch c, d;

    c = peek(s, len, i);
    *flags = c.k == K_UPPER ? GL_TOKF_UPPER_INITIAL : 0;
    while (i < len) {
        /* fast path: a run of ASCII letters and digits */
        size_t j = i;
        unsigned acc = 0, b, k;
        while (j < len && (b = (unsigned char)s[j]) < 0x80 &&
               (k = ascii_class[b]) >= K_UPPER) {
            acc |= 1u << k;
            j++;
        }
        if (j > i) {
            if (acc & (1u << K_LOWER)) w.has_lower = 1;
            if (acc & (1u << K_UPPER)) w.has_upper = 1;
            if (acc & (1u << K_LOWER | 1u << K_UPPER)) w.has_letter = 1;
            w.seglen += (int)(j - i) + (acc & (1u << K_DIGIT) ? 2 : 0);
            prevk = ascii_class[(unsigned char)s[j - 1]];
            i = j;
            if (i >= len) break;
        }
        c = peek(s, len, i);
        if (K_IS_WORD(c.k)) {
            if (K_IS_LETTER(c.k)) {
                take_letter(&w, c.k);
                w.seglen++;
            } else if (c.k == K_MARK) {
                w.has_letter = 1;
            } else {
                w.seglen += 2; /* a digit never starts an initialism */
            }
            prevk = c.k;
            i += c.n;
            continue;
        }
        if (c.k == K_SPACE) break;
        d = peek(s, len, i + c.n);
        if (c.cp == '.' && w.seglen == 1) {
            uint8_t lk = 0;
            size_t e = single_letter(s, len, i + 1, &lk);
            if (e) { /* U + .S */
                take_letter(&w, lk);
                w.abbr = 1;
                prevk = lk;
                i = e;
                continue;
            }
            if (!w.abbr) break;
            i++; /* the final period of U.S. belongs to it */
            d = peek(s, len, i);
            if (is_hyphen(d.cp) && K_IS_WORD(peek(s, len, i + d.n).k)) {
                i += d.n; /* U.S.-backed */
                prevk = K_PUNCT;
                w.seglen = 0;
                w.abbr = 0;
                continue;
            }
            break;
        }
        if (!w.has_letter && K_IS_NUMERIC(prevk) && K_IS_NUMERIC(d.k) &&
            (c.cp == ',' || c.cp == '.' || c.cp == ':' || c.cp == '/')) {
            prevk = K_PUNCT;
            i += c.n;
            continue;
        }
        if (is_apos(c.cp) && K_IS_WORD(prevk) && K_IS_LETTER(d.k)) {
            prevk = K_PUNCT;
            w.seglen = 2;
            i += c.n;
            continue;
        }
        if (is_hyphen(c.cp) && K_IS_WORD(prevk) && K_IS_WORD(d.k)) {
            prevk = K_PUNCT;
            w.seglen = 0;
            w.abbr = 0;
            i += c.n;
            continue;
        }
        if (c.k == K_INVIS && K_IS_WORD(prevk) && K_IS_WORD(d.k)) {
            i += c.n; /* soft hyphen, ZWJ inside a word */
            continue;
        }
        break;
    }
    *kind = w.has_letter ? GL_TOK_WORD : GL_TOK_NUMBER;
    if (w.has_upper && !w.has_lower) *flags |= GL_TOKF_ALL_UPPER;
    return i;
}

/* An emoji or other symbol, with what modifies it: combining marks,
 * variation selectors, skin tones, ZWJ sequences and flag pairs. */
static size_t scan_symbol(const char *s, size_t len, size_t i)
{
    struct ch c = peek(s, len, i), d;
    int regional = c.cp >= 0x1F1E6 && c.cp <= 0x1F1FF;

    i += c.n;
    if (regional) {
        d = peek(s, len, i);
        if (d.cp >= 0x1F1E6 && d.cp <= 0x1F1FF) i += d.n;
    }
    for (;;) {
        d = peek(s, len, i);
        if (d.n == 0) break;
        if (d.k == K_MARK || (d.cp >= 0x1F3FB && d.cp <= 0x1F3FF) ||
            (d.cp >= 0xFE00 && d.cp <= 0xFE0F)) {
            i += d.n;
        } else if (d.cp == 0x200D) {
            struct ch e = peek(s, len, i + d.n);
            if (e.k != K_SYMBOL) break;
            i += d.n + e.n;
        } else {
            break;
        }
    }
    return i;
}

static int is_dash_run(uint32_t cp)
{
    return cp == '-' || cp == 0x2014 || cp == 0x2013 || cp == 0x2015;
}

void gl_tokenize(const char *s, size_t len, struct gl_token **toks, size_t *n,
                 size_t *cap)
{
    size_t i = 0;

    while (i < len) {
        unsigned char b = (unsigned char)s[i];
        struct ch c;
        struct gl_token *t;
        size_t start = i;
        uint8_t kind, flags = 0;

        if (b < 0x80 && ascii_class[b] == K_SPACE) {
            i++;
            continue;
        }
        c = peek(s, len, i);
        if (c.k == K_SPACE || c.k == K_INVIS) {
            i += c.n;
            continue;
        }
        if (K_IS_WORD(c.k)) {
            i = scan_word(s, len, i, &kind, &flags);
        } else if (c.k == K_QUOTE) {
            kind = GL_TOK_QUOTE;
            i += c.n;
            /* `` and '' are one mark each (typewriter double quotes) */
            if ((c.cp == '`' || c.cp == '\'') && i < len &&
                (uint32_t)(unsigned char)s[i] == c.cp)
                i++;
        } else if (c.k == K_PUNCT) {
            kind = GL_TOK_PUNCT;
            i += c.n;
            if (c.cp == '.') {
                while (i < len && s[i] == '.') i++;
            } else if (is_dash_run(c.cp)) {
                for (;;) {
                    struct ch d = peek(s, len, i);
                    if (d.cp != c.cp || d.n == 0) break;
                    i += d.n;
                }
            }
        } else {
            kind = GL_TOK_SYMBOL;
            i = scan_symbol(s, len, i);
        }
        GL_GROW(*toks, *cap, *n + 1);
        t = &(*toks)[(*n)++];
        t->start = (uint32_t)start;
        t->end = (uint32_t)i;
        t->kind = kind;
        t->flags = flags;
    }
}

/* test_segment.c - unit tests of tokens, paragraphs, sentences and the
 * offset lookups (core/tokenize.c, core/segment.c). Tests layer. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "doc.h"
#include "segment.h"
#include "utf8.h"
#include "util.h"

static struct gl_doc *load(const char *s)
{
    struct gl_err err;
    struct gl_doc *d = gl_doc_from_memory(s, strlen(s), "test", &err);
    CHECKF(d != NULL, "load failed: %s", err.msg);
    return d;
}

/* "a|b|c" with kinds "WNP" (W word, N number, P punct, Q quote, S symbol) */
static const char kind_ch[] = "?WNPQS";

static void check_tokens(const char *in, const char *want, const char *kinds)
{
    struct gl_token *t = NULL;
    size_t n = 0, cap = 0, i;
    struct gl_buf got = {0}, gk = {0};

    gl_buf_puts(&got, "");
    gl_buf_puts(&gk, "");
    gl_tokenize(in, strlen(in), &t, &n, &cap);
    for (i = 0; i < n; i++) {
        if (i) gl_buf_putc(&got, '|');
        gl_buf_add(&got, in + t[i].start, t[i].end - t[i].start);
        gl_buf_putc(&gk, kind_ch[t[i].kind]);
    }
    CHECKF(strcmp(got.p, want) == 0, "%s: tokens [%s], want [%s]", in, got.p,
           want);
    CHECKF(strcmp(gk.p, kinds) == 0, "%s: kinds %s, want %s", in, gk.p, kinds);
    gl_buf_free(&got);
    gl_buf_free(&gk);
    free(t);
}

static const struct {
    const char *in, *toks, *kinds;
} tok_cases[] = {
    {"Al Jazeera\xE2\x80\x99s Simona Foltyn said",
     "Al|Jazeera\xE2\x80\x99s|Simona|Foltyn|said", "WWWWW"},
    {"Iran-backed al-Sadr anti-government", "Iran-backed|al-Sadr|anti-government",
     "WWW"},
    {"U.S. embassy", "U.S.|embassy", "WW"},
    {"e.g. U.S.-backed U.N", "e.g.|U.S.-backed|U.N", "WWW"},
    {"1,000.5", "1,000.5", "N"},
    {"9/11 at 10:30, 25.", "9/11|at|10:30|,|25|.", "NWNPNP"},
    {"Wait... \xE2\x80\xA6", "Wait|...|\xE2\x80\xA6", "WPP"},
    {"war\xE2\x80\x94peace", "war|\xE2\x80\x94|peace", "WPW"},
    {"a -- b - c", "a|--|b|-|c", "WPWPW"},
    {"\xE2\x80\x9C" "Down, Down USA!\xE2\x80\x9D",
     "\xE2\x80\x9C|Down|,|Down|USA|!|\xE2\x80\x9D", "QWPWWPQ"},
    /* a trailing apostrophe is its own QUOTE token at token level; the
     * quotation finder decides whether it closes a quote (quote.c) */
    {"protesters' flags", "protesters|'|flags", "WQW"},
    {"don't O'Brien rock'n'roll", "don't|O'Brien|rock'n'roll", "WWW"},
    {"Mr. Smith", "Mr|.|Smith", "WPW"},
    {"COVID-19 3D 1990s", "COVID-19|3D|1990s", "WWW"},
    {"50% $5 \xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD \xF0\x9F\x87\xBA\xF0\x9F\x87\xB8",
     "50|%|$|5|\xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD|\xF0\x9F\x87\xBA\xF0\x9F\x87\xB8",
     "NSSNSS"},
    {"a\r\nb\rc\n", "a|b|c", "WWW"},
    {"``Hi'' he", "``|Hi|''|he", "QWQW"},
    {"3.5 ...", "3.5|...", "NP"},
    {"wait?!", "wait|?|!", "WPP"},
    {"\xC2\xAB" "Oui\xC2\xBB \xE2\x80\xB9" "a\xE2\x80\xBA",
     "\xC2\xAB|Oui|\xC2\xBB|\xE2\x80\xB9|a|\xE2\x80\xBA", "QWQQWQ"},
    {"a\xC2\xA0" "b", "a|b", "WW"},
    {"it\xE2\x80\x99s \xE2\x80\x99" "90s", "it\xE2\x80\x99s|\xE2\x80\x99|90s", "WQW"},
    {"co\xC2\xAD" "op \xE2\x80\x8B", "co\xC2\xAD" "op", "W"},
    {"(AP) caf\xC3\xA9 na\xCC\x88ve", "(|AP|)|caf\xC3\xA9|na\xCC\x88ve", "PWPWW"},
    {"\"Go.\"", "\"|Go|.|\"", "QWPQ"},
    {"", "", ""},
};

static void test_tokens_table(void)
{
    size_t i;
    for (i = 0; i < sizeof tok_cases / sizeof *tok_cases; i++)
        check_tokens(tok_cases[i].in, tok_cases[i].toks, tok_cases[i].kinds);
}

static void test_token_flags(void)
{
    struct gl_token *t = NULL;
    size_t n = 0, cap = 0;
    const char *s = "USA Usa usa U.S. 25 \xC3\x89tat";

    gl_tokenize(s, strlen(s), &t, &n, &cap);
    CHECK(n == 6);
    if (n == 6) {
        CHECK(t[0].flags == (GL_TOKF_UPPER_INITIAL | GL_TOKF_ALL_UPPER));
        CHECK(t[1].flags == GL_TOKF_UPPER_INITIAL);
        CHECK(t[2].flags == 0);
        CHECK(t[3].flags == (GL_TOKF_UPPER_INITIAL | GL_TOKF_ALL_UPPER));
        CHECK(t[4].flags == 0);
        CHECK(t[5].flags == GL_TOKF_UPPER_INITIAL);
    }
    free(t);
}

static void test_tokenize_appends(void)
{
    struct gl_token *t = NULL;
    size_t n = 0, cap = 0;

    gl_tokenize("a b", 3, &t, &n, &cap);
    gl_tokenize("c", 1, &t, &n, &cap);
    CHECK(n == 3);
    CHECK(cap >= n);
    if (n == 3) CHECK(t[2].start == 0 && t[2].end == 1);
    free(t);
}

/* Every structural promise of segment.h, checked over a whole document. */
static void check_invariants(const struct gl_doc *d)
{
    size_t i, k;

    for (i = 0; i < d->ntokens; i++) {
        const struct gl_token *t = &d->tokens[i];
        CHECKF(t->start < t->end && t->end <= d->len && t->start >= d->body,
               "token %zu [%u,%u)", i, t->start, t->end);
        CHECK(gl_utf8_is_boundary(d->bytes, d->len, t->start));
        CHECK(gl_utf8_is_boundary(d->bytes, d->len, t->end));
        CHECK(t->kind >= GL_TOK_WORD && t->kind <= GL_TOK_SYMBOL);
        if (i) CHECKF(d->tokens[i - 1].end <= t->start, "token %zu order", i);
        CHECK(gl_doc_token_at(d, t->start) == (long)i);
        CHECK(gl_doc_token_at(d, t->end - 1) == (long)i);
        CHECK(gl_doc_token_from(d, t->start) == i);
    }
    k = 0;
    for (i = 0; i < d->nparagraphs; i++) {
        const struct gl_paragraph *p = &d->paragraphs[i];
        CHECKF(p->tok_first == k && p->tok_first < p->tok_end,
               "paragraph %zu tokens", i);
        CHECK(p->tok_end <= d->ntokens);
        k = p->tok_end;
        if (p->tok_end > d->ntokens || p->tok_first >= p->tok_end) continue;
        CHECK(p->start == d->tokens[p->tok_first].start);
        CHECK(p->end == d->tokens[p->tok_end - 1].end);
        CHECK(d->tokens[p->tok_first].flags & GL_TOKF_PARA_START);
        CHECK(p->sent_first < p->sent_end && p->sent_end <= d->nsentences);
        if (i) {
            CHECK(d->paragraphs[i - 1].end < p->start);
            CHECK(d->paragraphs[i - 1].sent_end == p->sent_first);
        }
        CHECK(gl_doc_paragraph_at(d, p->start) == (long)i);
        CHECK(!(p->flags & GL_PARAF_HEADLINE) || i == 0);
    }
    CHECK(k == d->ntokens);
    k = 0;
    for (i = 0; i < d->nsentences; i++) {
        const struct gl_sentence *s = &d->sentences[i];
        const struct gl_paragraph *p;
        CHECKF(s->tok_first == k && s->tok_first < s->tok_end &&
               s->tok_end <= d->ntokens, "sentence %zu tokens", i);
        k = s->tok_end;
        CHECK(s->para < d->nparagraphs);
        if (s->para >= d->nparagraphs || s->tok_end > d->ntokens) continue;
        p = &d->paragraphs[s->para];
        CHECK(p->sent_first <= i && i < p->sent_end);
        CHECK(p->start <= s->start && s->end <= p->end);
        CHECK(p->tok_first <= s->tok_first && s->tok_end <= p->tok_end);
        CHECK(s->start == d->tokens[s->tok_first].start);
        CHECK(s->end == d->tokens[s->tok_end - 1].end);
        CHECK(d->tokens[s->tok_first].flags & GL_TOKF_SENT_START);
        CHECK(gl_doc_sentence_at(d, s->start) == (long)i);
        CHECK(gl_doc_sentence_at(d, s->end - 1) == (long)i);
    }
    CHECK(k == d->ntokens);
    for (i = 0; i < d->ntokens; i++) {
        long s = gl_doc_sentence_at(d, d->tokens[i].start);
        CHECK(s >= 0 && d->sentences[s].tok_first <= i &&
              i < d->sentences[s].tok_end);
        CHECK(!(d->tokens[i].flags & GL_TOKF_SENT_START) ||
              (s >= 0 && d->sentences[s].tok_first == i));
    }
}

/* Paragraph spans as "text|text" */
static void check_paras(const char *in, const char *want, int headline)
{
    struct gl_doc *d = load(in);
    struct gl_buf got = {0};
    size_t i;

    if (!d) return;
    gl_buf_puts(&got, "");
    for (i = 0; i < d->nparagraphs; i++) {
        if (i) gl_buf_putc(&got, '|');
        gl_buf_add(&got, d->bytes + d->paragraphs[i].start,
                   d->paragraphs[i].end - d->paragraphs[i].start);
    }
    CHECKF(strcmp(got.p, want) == 0, "paragraphs [%s], want [%s]", got.p, want);
    CHECKF(d->nparagraphs == 0 ||
           !!(d->paragraphs[0].flags & GL_PARAF_HEADLINE) == headline,
           "headline flag of [%s]", in);
    check_invariants(d);
    gl_buf_free(&got);
    gl_doc_free(d);
}

static void test_paragraphs_blank_lines(void)
{
    check_paras("A b.\n\nC d.\n", "A b.|C d.", 0);
    check_paras("  A b.  \n\n\n  C d.  ", "A b.|C d.", 0);
    check_paras("A b\nc d.\n\nE.", "A b\nc d.|E.", 0);
}

static void test_paragraphs_crlf_cr(void)
{
    check_paras("A b.\r\n\r\nC d.\r\n", "A b.|C d.", 0);
    check_paras("A.\r\rB.\r", "A.|B.", 0);
    check_paras("A b\r\nc.\r\n\r\nD.", "A b\r\nc.|D.", 0);
}

static void test_paragraphs_whitespace_lines(void)
{
    check_paras("A b.\n  \t\xC2\xA0\nC d.", "A b.|C d.", 0);
    check_paras("A b.\n \r\n\tC d.", "A b.|C d.", 0);
}

static void test_paragraphs_one_per_line(void)
{
    check_paras("Title here\nFirst para.\nSecond para.\n",
                "Title here|First para.|Second para.", 1);
    check_paras("One.\r\nTwo.\r\n", "One.|Two.", 0);
    check_paras("Only one line.", "Only one line.", 0);
    check_paras("", "", 0);
    check_paras(" \n\n\t", "", 0);
}

static void test_headline(void)
{
    check_paras("Protesters Storm Embassy\n\nThe crowd came.",
                "Protesters Storm Embassy|The crowd came.", 1);
    check_paras("Title ends.\n\nBody.", "Title ends.|Body.", 0);
    check_paras("Title \xE2\x80\x9Cquoted!\xE2\x80\x9D\n\nBody.",
                "Title \xE2\x80\x9Cquoted!\xE2\x80\x9D|Body.", 0);
    check_paras("Title \xE2\x80\x9Cquoted\xE2\x80\x9D\n\nBody.",
                "Title \xE2\x80\x9Cquoted\xE2\x80\x9D|Body.", 1);
    check_paras("Two\nlines\n\nBody.", "Two\nlines|Body.", 0);
    check_paras("Lone headline", "Lone headline", 0);
}

static void test_bom(void)
{
    struct gl_doc *d = load("\xEF\xBB\xBFHello world.\n\nBye.");

    if (!d) return;
    CHECK(d->body == 3);
    CHECK(d->ntokens == 5 && d->tokens[0].start == 3);
    CHECK(d->nparagraphs == 2 && d->paragraphs[0].start == 3);
    CHECK(d->nsentences == 2 && d->sentences[0].start == 3);
    check_invariants(d);
    gl_doc_free(d);
}

/* Sentences of a one-paragraph text as "text|text" */
static void check_sents(const char *in, const char *want)
{
    struct gl_doc *d = load(in);
    struct gl_buf got = {0};
    size_t i;

    if (!d) return;
    gl_buf_puts(&got, "");
    for (i = 0; i < d->nsentences; i++) {
        if (i) gl_buf_putc(&got, '|');
        gl_buf_add(&got, d->bytes + d->sentences[i].start,
                   d->sentences[i].end - d->sentences[i].start);
    }
    CHECKF(strcmp(got.p, want) == 0, "sentences [%s], want [%s]", got.p, want);
    check_invariants(d);
    gl_buf_free(&got);
    gl_doc_free(d);
}

static const struct {
    const char *in, *want;
} sent_cases[] = {
    {"He left. She stayed! Why? Because.", "He left.|She stayed!|Why?|Because."},
    {"Mr. Smith went home. Dr. Jones and Gen. Lee stayed.",
     "Mr. Smith went home.|Dr. Jones and Gen. Lee stayed."},
    {"Mrs. Clinton met Sen. Warren.", "Mrs. Clinton met Sen. Warren."},
    /* initialisms and company suffixes end a sentence only before a
     * common sentence starter */
    {"He lives in the U.S. The weather is fine.",
     "He lives in the U.S.|The weather is fine."},
    {"He visited a U.S. Army base.", "He visited a U.S. Army base."},
    {"He works for Apple Inc. The firm grew.", "He works for Apple Inc.|The firm grew."},
    {"Apple Inc. Chief Tim Cook spoke.", "Apple Inc. Chief Tim Cook spoke."},
    {"On Jan. 5 he left. On Sept. 11 it fell.", "On Jan. 5 he left.|On Sept. 11 it fell."},
    {"John F. Kennedy spoke. J. R. R. Tolkien wrote.",
     "John F. Kennedy spoke.|J. R. R. Tolkien wrote."},
    {"It rose 3.5 percent. Then it fell.", "It rose 3.5 percent.|Then it fell."},
    {"It cost $5. 25 people came.", "It cost $5.|25 people came."},
    {"He paused... and went on. Then... Nothing.",
     "He paused... and went on.|Then...|Nothing."},
    {"He said \"Go.\" Then left.", "He said \"Go.\"|Then left."},
    {"He said \xE2\x80\x9CGo!\xE2\x80\x9D Then he left.",
     "He said \xE2\x80\x9CGo!\xE2\x80\x9D|Then he left."},
    {"\"Why?\" he asked. Nobody knew.", "\"Why?\" he asked.|Nobody knew."},
    {"Really?! Yes. No!!! Fine.", "Really?!|Yes.|No!!!|Fine."},
    {"(He left.) Then she came.", "(He left.)|Then she came."},
    {"He fell. \xE2\x80\x9CHelp,\xE2\x80\x9D he said.",
     "He fell.|\xE2\x80\x9CHelp,\xE2\x80\x9D he said."},
    {"Sales fell. the end came.", "Sales fell. the end came."},
    {"It won.Next time.", "It won.Next time."},
    {"No. 10 Downing St. is here.", "No. 10 Downing St. is here."},
    {"He met Smith et al. The group agreed.",
     "He met Smith et al.|The group agreed."},
    {"It ended at 10 a.m. Tuesday came.", "It ended at 10 a.m. Tuesday came."},
};

static void test_sentences_table(void)
{
    size_t i;
    for (i = 0; i < sizeof sent_cases / sizeof *sent_cases; i++)
        check_sents(sent_cases[i].in, sent_cases[i].want);
}

/* Every word of the abbreviation and starter lists, each in a sentence of
 * its own, against how it must split (the lists are the spec; segment.c
 * keeps them by length, so a word in the wrong row would be missed). */
static const char *const t_never[] = {
    "Mr", "Mrs", "Ms", "Messrs", "Dr", "Prof", "Gen", "Col", "Lt", "Sgt",
    "Capt", "Maj", "Adm", "Cmdr", "Cpl", "Pvt", "Brig", "Rep", "Reps",
    "Sen", "Sens", "Gov", "Pres", "Rev", "Hon", "Fr", "St", "Mt", "Ft",
    "Supt", "Det", "Insp", "No", "Nos", "Vol", "vs", "v", "cf", "viz",
    "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct",
    "Nov", "Dec", NULL};
static const char *const t_maybe[] = {
    "Inc", "Corp", "Co", "Ltd", "Jr", "Sr", "etc", "Bros", "LLC", "al",
    "Ave", "Blvd", "Rd", "Ala", "Ariz", "Ark", "Calif", "Colo", "Conn",
    "Del", "Fla", "Ga", "Ill", "Ind", "Kan", "Ky", "La", "Md", "Mass",
    "Mich", "Minn", "Miss", "Mo", "Mont", "Neb", "Nev", "Okla", "Ore", "Pa",
    "Tenn", "Tex", "Va", "Vt", "Wash", "Wis", "Wyo", NULL};
static const char *const t_starters[] = {
    "The", "A", "An", "He", "She", "It", "They", "We", "I", "You", "His",
    "Her", "Its", "Their", "Our", "This", "That", "These", "Those", "There",
    "Then", "But", "And", "Yet", "So", "Or", "In", "On", "At", "For", "As",
    "After", "Before", "When", "While", "If", "Also", "Still", "Now",
    "Some", "Many", "Most", "No", "One", "What", "Why", "How", "Who",
    "Where", "Last", "Since", "During", "Under", "With", "By", "From",
    "Later", "Although", "However", "Meanwhile", "Despite", "Earlier", NULL};

static void check_split(const char *fmt, const char *w, int want)
{
    char in[128];
    struct gl_doc *d;

    snprintf(in, sizeof in, fmt, w);
    if (!(d = load(in))) return;
    CHECKF(d->nsentences == (size_t)want, "\"%s\": %zu sentences, want %d",
           in, d->nsentences, want);
    gl_doc_free(d);
}

static void test_abbreviation_lists(void)
{
    size_t i;

    for (i = 0; t_never[i]; i++) {
        check_split("We saw %s. Smith there.", t_never[i], 1);
        check_split("We saw %s. The end came.", t_never[i], 1);
    }
    for (i = 0; t_maybe[i]; i++) {
        check_split("We saw %s. Smith there.", t_maybe[i], 1);
        check_split("We saw %s. The end came.", t_maybe[i], 2);
    }
    for (i = 0; t_starters[i]; i++) {
        check_split("He lives in the U.S. %s came.", t_starters[i], 2);
        check_split("It is Apple Inc. %s came.", t_starters[i], 2);
    }
    /* not listed: near misses in length and case */
    static const char *const other[] = {"Smith", "Mrr", "M", "mr", "MR",
                                        "Thee", "Th", "Howeverr",
                                        "Meanwhil", NULL};
    for (i = 0; other[i]; i++) {
        check_split("He lives in the U.S. %s came.", other[i], 1);
        check_split("We saw Zq%s. Smith there.", other[i], 2);
    }
    check_split("We saw %s. Smith there.", "Mrr", 2);
    check_split("We saw %s. Smith there.", "Sepp", 2);
}

static void test_sentences_stay_in_paragraph(void)
{
    /* a line break inside a paragraph is not a break; paragraphs are */
    check_sents("It was\ncold. Then\nwarm\n\nIt rained", "It was\ncold.|Then\nwarm|It rained");
    /* a headline is one sentence whatever it holds */
    check_sents("U.S. Strikes Iraq. Militia Vows Revenge\n\nThe US said so.",
                "U.S. Strikes Iraq. Militia Vows Revenge|The US said so.");
}

static void test_sentence_token_ranges(void)
{
    struct gl_doc *d = load("He said \"Go.\" Then left.");

    if (!d) return;
    CHECK(d->nsentences == 2);
    if (d->nsentences == 2) {
        CHECK(d->sentences[0].tok_first == 0 && d->sentences[0].tok_end == 6);
        CHECK(d->sentences[1].tok_first == 6 && d->sentences[1].tok_end == 9);
        CHECK(d->tokens[5].kind == GL_TOK_QUOTE);
        CHECK(d->tokens[6].flags & GL_TOKF_SENT_START);
        CHECK(!(d->tokens[6].flags & GL_TOKF_PARA_START));
        CHECK(d->tokens[0].flags & GL_TOKF_PARA_START);
        CHECK(d->sentences[1].para == 0);
    }
    gl_doc_free(d);
}

static void test_lookups(void)
{
    /* offsets: 0 A, 1 sp, 2-4 bcd, 5 '.', 6-7 \n\n, 8 E, 9 '.' */
    struct gl_doc *d = load("A bcd.\n\nE.");

    if (!d) return;
    CHECK(d->ntokens == 5 && d->nsentences == 2 && d->nparagraphs == 2);
    CHECK(gl_doc_token_at(d, 0) == 0);
    CHECK(gl_doc_token_at(d, 1) == -1);
    CHECK(gl_doc_token_at(d, 3) == 1);
    CHECK(gl_doc_token_at(d, 5) == 2);
    CHECK(gl_doc_token_at(d, 7) == -1);
    CHECK(gl_doc_token_at(d, 9) == 4);
    CHECK(gl_doc_token_at(d, 10) == -1);
    CHECK(gl_doc_sentence_at(d, 1) == 0);
    CHECK(gl_doc_sentence_at(d, 6) == -1);
    CHECK(gl_doc_sentence_at(d, 8) == 1);
    CHECK(gl_doc_paragraph_at(d, 4) == 0);
    CHECK(gl_doc_paragraph_at(d, 7) == -1);
    CHECK(gl_doc_paragraph_at(d, 9) == 1);
    CHECK(gl_doc_token_from(d, 0) == 0);
    CHECK(gl_doc_token_from(d, 1) == 1);
    CHECK(gl_doc_token_from(d, 6) == 3);
    CHECK(gl_doc_token_from(d, 10) == 5);
    gl_doc_free(d);
}

static const char *const inv_texts[] = {
    "Hundreds of protesters tried to storm the US embassy.\n\n"
    "Shouting \xE2\x80\x9C" "Down, Down USA!\xE2\x80\x9D the crowd pushed on.\n\n"
    "\xE2\x80\x9CIt remains to be seen,\xE2\x80\x9D Foltyn added. Mr. Smith agreed.",
    "Title\r\nLine one. Line two.\r\nLine three \xF0\x9F\x98\x80!\r\n",
    "\xEF\xBB\xBF  \n\n  x\xE2\x80\x8B y \xC2\xA0\n \n''Hi,'' he said. ``Yes.''",
    "a\x01" "b \x7f c\tU.S.A. e.g. 1,2,3.4.5 9/11/2001 -- ... \xE2\x80\xA6 ???",
    "\xE3\x81\x93\xE3\x82\x93\xE3\x81\xAB\xE3\x81\xA1\xE3\x81\xAF\xE3\x80\x82 "
    "\xD8\xA7\xD9\x84\xD8\xB9\xD8\xB1\xD8\xA7\xD9\x82. \xE0\xA4\xB9\xE0\xA4\xBF",
    "'", "\"", ".", "\r", "A.\n\nB.\n\nC.",
};

static void test_invariants(void)
{
    size_t i;
    for (i = 0; i < sizeof inv_texts / sizeof *inv_texts; i++) {
        struct gl_doc *d = load(inv_texts[i]);
        if (!d) continue;
        check_invariants(d);
        gl_doc_free(d);
    }
}

/* Token boundaries, kinds and flags do not depend on where the text
 * falls against the tokenizer's eight-byte reads: the same text behind
 * 0 to 9 bytes of prefix gives the same tokens, shifted. */
static void test_tokenize_shift_invariant(void)
{
    static const char text[] =
        "Abcdefghij KLMNOPQRSTUV wxyz0123456789ab U.S.-backed 1,000.5 "
        "caf\xC3\xA9teria NA\xC3\x8FVE Na\xC3\xAFve x9Y8z7W6v5U4 "
        "abcdefgh ABCDEFGH 12345678 abcdefg\xE2\x80\x99s it's "
        "\xE2\x80\x9CQuoted,\xE2\x80\x9D she said. \xD8\xA7\xD9\x84\xD8\xB9 "
        "ninechars tencharsxx MIXEDcase9 Z";
    static const char fill[] = "x x x x x ";
    struct gl_token *base = NULL, *t = NULL;
    size_t nb = 0, cb = 0, len = sizeof text - 1;
    char buf[512];

    gl_tokenize(text, len, &base, &nb, &cb);
    CHECK(nb > 25);
    for (size_t shift = 1; shift <= 10; shift++) {
        size_t n = 0, cap = 0, lead = shift / 2, ok = 1;
        memcpy(buf, fill, shift);
        memcpy(buf + shift, text, len);
        if (shift % 2) buf[shift - 1] = ' ';
        gl_tokenize(buf, shift + len, &t, &n, &cap);
        ok = n == nb + lead;
        for (size_t i = 0; ok && i < nb; i++) {
            const struct gl_token *a = &base[i], *b = &t[i + lead];
            ok = b->start == a->start + shift && b->end == a->end + shift &&
                 b->kind == a->kind && b->flags == a->flags;
            CHECKF(ok, "shift %zu: token %zu differs", shift, i);
        }
        CHECKF(n == nb + lead, "shift %zu: %zu tokens, want %zu", shift, n,
               nb + lead);
        free(t);
        t = NULL;
    }
    free(base);
}

/* The word flags for words of 1 to 20 ASCII letters with one uppercase
 * letter placed at each position, all uppercase, or with a digit. */
static void test_word_flags_every_position(void)
{
    for (size_t n = 1; n <= 20; n++) {
        char w[24];
        for (size_t up = 0; up <= n; up++) {
            struct gl_token *t = NULL;
            size_t nt = 0, cap = 0;
            uint8_t want;
            for (size_t i = 0; i < n; i++) w[i] = (char)('a' + i);
            for (size_t i = 0; i < n; i++)
                if (up == n || i == up) w[i] = (char)(w[i] - 'a' + 'A');
            gl_tokenize(w, n, &t, &nt, &cap);
            want = (up == 0 ? GL_TOKF_UPPER_INITIAL : 0) |
                   (up == n || (n == 1 && up == 0) ? GL_TOKF_ALL_UPPER : 0);
            if (up == n) want |= GL_TOKF_UPPER_INITIAL;
            CHECKF(nt == 1 && t[0].end == n && t[0].kind == GL_TOK_WORD &&
                       t[0].flags == want,
                   "length %zu, upper at %zu: %zu tokens, flags %d", n, up,
                   nt, nt ? t[0].flags : -1);
            free(t);
        }
        /* digits only: a number; a digit inside letters: still a word */
        for (size_t i = 0; i < n; i++) w[i] = (char)('0' + i % 10);
        {
            struct gl_token *t = NULL;
            size_t nt = 0, cap = 0;
            gl_tokenize(w, n, &t, &nt, &cap);
            CHECKF(nt == 1 && t[0].kind == GL_TOK_NUMBER && t[0].flags == 0,
                   "digits %zu", n);
            w[n - 1] = 'q';
            nt = 0;
            gl_tokenize(w, n, &t, &nt, &cap);
            CHECKF(nt == 1 && t[0].kind == GL_TOK_WORD && t[0].end == n,
                   "digits then q %zu", n);
            free(t);
        }
    }
}

int main(void)
{
    RUN(test_tokens_table);
    RUN(test_token_flags);
    RUN(test_tokenize_appends);
    RUN(test_tokenize_shift_invariant);
    RUN(test_word_flags_every_position);
    RUN(test_paragraphs_blank_lines);
    RUN(test_paragraphs_crlf_cr);
    RUN(test_paragraphs_whitespace_lines);
    RUN(test_paragraphs_one_per_line);
    RUN(test_headline);
    RUN(test_bom);
    RUN(test_sentences_table);
    RUN(test_abbreviation_lists);
    RUN(test_sentences_stay_in_paragraph);
    RUN(test_sentence_token_ranges);
    RUN(test_lookups);
    RUN(test_invariants);
    return check_done();
}

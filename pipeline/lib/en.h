/* en.h - the English sentiment engine (private to libtonesift).
 *
 * Owned by en*.c: VADER's rule set (exact with compat = 1) plus the
 * improved default mode and the Snowball stem fall-back. */
#ifndef TS_EN_H
#define TS_EN_H

#include "internal.h"
#include <tonesift/score.h>

#include <stdint.h>

typedef struct ts_en ts_en;

/* Build the engine from the embedded lexicons/en/ files. compat = 1 selects
 * the reference lexicon and the reference's exact behaviour. */
int ts_en_new(ts_en **out, int compat, ts_diag *d);
/* Add or override one entry (term is lower-case UTF-8). */
int ts_en_add_entry(ts_en *e, const char *term, size_t len, double valence);
/* Score an English (non-Han) text. */
int ts_en_score(ts_score *out, ts_en *e, const char *text, size_t len,
                ts_buf *evidence);
/* The dispatcher's entry: like ts_en_score(), but when the text holds a
 * Han character (ts_en_is_han) it stops there, sets *han = 1 and leaves
 * the text to the Chinese engine (nothing appended to evidence); else
 * *han = 0. The tokeniser decodes every non-ASCII character anyway, so
 * this saves a separate scan of every text for Han. */
int ts_en_score_unless_han(ts_score *out, ts_en *e, const char *text,
                           size_t len, ts_buf *evidence, int *han);
/* Han: U+3400-9FFF, F900-FAFF, 20000-2FFFF. */
static inline int ts_en_is_han(int32_t c)
{
	return (c >= 0x3400 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) ||
	       (c >= 0x20000 && c <= 0x2FFFF);
}
/* Valence of one word (any case), with the stem fall-back in default mode.
 * Returns 1 and sets *valence when the word is in the lexicon, else 0.
 * Does not allocate; safe to call from the Chinese engine. */
int ts_en_lookup(const ts_en *e, const char *word, size_t len,
                 double *valence);
void ts_en_free(ts_en *e);

/* Default-mode improvements, one bit each, so that each can be measured
 * on its own (tests/eval/sentiment_probe.c). TS_EN_DEFAULT is the set the
 * default mode uses; compat mode ignores all of them. */
enum {
	TS_EN_BUTFIX = 1u << 0,    /* "but" weights words by position */
	TS_EN_SOTHIS = 1u << 1,    /* only "never so/this" gives x1.25 */
	TS_EN_CONTRAST = 1u << 2,  /* however, yet, although, though, except */
	TS_EN_NEGCLAUSE = 1u << 3, /* negation reaches to the clause start */
	TS_EN_ENTITY = 1u << 4,    /* &amp; &quot; &#39; ... decoded */
	TS_EN_ELONG = 1u << 5,     /* "sooooo goood" -> so good */
	TS_EN_STEM = 1u << 6,      /* Snowball stem fall-back */
	TS_EN_IDIOMS = 1u << 7,    /* sentiment-laden idioms (idioms.tsv) */
	TS_EN_REFLEX = 1u << 8,    /* apply vader_compat.tsv in default too */
	TS_EN_PHRASES = 1u << 9,   /* capitalised lexicon entries (":D")
	                              get a lower-case twin; multi-word
	                              entries ("fed up") never match */
	TS_EN_SATURATE = 1u << 10, /* long texts: alpha grows with length */
	TS_EN_STEMSELF = 1u << 11, /* no fall-back for a word that is its
	                              own stem (the base form is absent) */
	TS_EN_STEMINFL = 1u << 12, /* stem table only from entries that are
	                              stem + inflectional ending */
	TS_EN_DUPMEAN = 1u << 13,  /* terms listed twice in the source: the
	                              mean of both ratings
	                              (default_overrides.tsv) */
	TS_EN_NOSINGLE = 1u << 14, /* one-character tokens ("a", "I", "-")
	                              are not words */
	TS_EN_NONEAR = 1u << 15,   /* "no" negates only the next word */
	TS_EN_NEGSTOP = 1u << 16,  /* negation stops at a clause boundary */
	TS_EN_SHORT = 1u << 17,    /* "no," "ok." lose their punctuation
	                              (the reference keeps it when the word
	                              has 1-2 letters, so they never match) */
	TS_EN_NEGSHIFT = 1u << 18, /* a negated negative word flips less */
	TS_EN_STEMBASE = 1u << 19  /* a missing stem + s/es form ("units")
	                              falls back only on base forms (stem,
	                              stem + e/s/es, y for a stem in i), not
	                              on stem + ed/ing/ly ("united") */
};
/* The feature set of the default mode (chosen by measurement, see
 * lexicons/README.md). */
#define TS_EN_DEFAULT                                                    \
	(TS_EN_ENTITY | TS_EN_ELONG | TS_EN_STEM | TS_EN_STEMSELF |       \
	 TS_EN_STEMINFL | TS_EN_NEGSTOP | TS_EN_NEGSHIFT | TS_EN_DUPMEAN | \
	 TS_EN_STEMBASE)

/* Replace the feature set of a default-mode engine (for measurement and
 * tests). Returns TS_EINVAL on a compat engine. Features that change the
 * lexicon (TS_EN_REFLEX, the tables of TS_EN_STEM, TS_EN_STEMINFL and
 * TS_EN_STEMBASE) are applied as set at ts_en_new(): use
 * ts_en_new_features() for those. */
int ts_en_set_features(ts_en *e, unsigned features);

/* Like ts_en_new(e, 0, d) but with an explicit default-mode feature set. */
int ts_en_new_features(ts_en **out, unsigned features, ts_diag *d);

/*
 * The shared lexicon file format (lexicons/README.md): UTF-8 TSV, `#`
 * comment lines, blank lines ignored, the first other line the header
 * `term<TAB>valence` (more columns allowed), then `term<TAB>valence[...]`
 * with valence a decimal number in [-4, 4]. Calls `cb` for every entry in
 * file order (`rest` = the columns after valence, without the TAB; line =
 * 1-based). A malformed line or a term repeated within the file gives
 * TS_ELEXICON with d->line set and d->msg = "name:LINE: what is wrong";
 * a non-zero return of `cb` stops the parse and is returned.
 */
typedef int (*ts_lex_cb)(void *ctx, const char *term, size_t tlen,
                         double valence, const char *rest, size_t rlen,
                         size_t line);
int ts_lex_parse(const char *data, size_t len, const char *name,
                 ts_lex_cb cb, void *ctx, ts_diag *d);

#endif

/**
 * score.h - lexicon sentiment for English, Chinese and mixed text.
 *
 * A ts_scorer holds the English (VADER rules + Snowball fall-back) and the
 * Chinese (trie longest match + modifiers) engines with their lexicons; the
 * Chinese one is built when it is first needed (the first text with a Han
 * character, or the first Chinese lexicon entry). It is not thread-safe:
 * use one scorer per thread. Text must be valid UTF-8
 * (tonesift norm guarantees it); invalid bytes are treated as non-letters.
 */
#ifndef TONESIFT_SCORE_H
#define TONESIFT_SCORE_H

#include <tonesift/common.h>
#include <tonesift/buf.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ts_scorer ts_scorer;

typedef struct ts_score_opts {
	int vader_compat;  /* 1: reproduce vaderSentiment 3.3.1 exactly (English)
	                      with the reference lexicon; 0: improved default */
} ts_score_opts;

typedef struct ts_score {
	double neg, neu, pos;  /* proportions, sum to 1 (or all 0 for empty) */
	double compound;       /* normalised sum in [-1, 1] */
} ts_score;

/** Create a scorer with the embedded lexicons. `opts` may be NULL
 *  (defaults). On failure returns TS_E* and fills `d`. */
TS_EXPORT int ts_scorer_new(ts_scorer **out, const ts_score_opts *opts,
                            ts_diag *d);

/**
 * Add or override lexicon entries from a lexicon file's bytes (format in
 * lexicons/README.md: header `term<TAB>valence`, `#` comments). Terms with
 * Han characters go to the Chinese lexicon, others to the English one.
 * `name` is used in diagnostics; a malformed line gives TS_ELEXICON with
 * d->line set.
 */
TS_EXPORT int ts_scorer_add_lexicon(ts_scorer *s, const char *data,
                                    size_t len, const char *name, ts_diag *d);

/**
 * Score `text`. Writes the result to `out` and, when `evidence` is not
 * NULL, appends the explanation (`term=weight` items separated by `;`,
 * see README) to it. Allocation happens only when the scorer's scratch
 * space must grow for a longer text than seen before, and when the first
 * text with Han builds the Chinese engine (an error then, such as
 * TS_ENOMEM, is returned by this call and every later one).
 */
TS_EXPORT int ts_scorer_score(ts_score *out, ts_scorer *s, const char *text,
                              size_t len, ts_buf *evidence);

/** "positive" (compound >= 0.05), "negative" (<= -0.05) or "neutral". */
TS_EXPORT const char *ts_score_label(double compound);

TS_EXPORT void ts_scorer_free(ts_scorer *s);

#ifdef __cplusplus
}
#endif
#endif

/* en.h - the English sentiment engine (private to libtonesift).
 *
 * Owned by en*.c: VADER's rule set (exact with compat = 1) plus the
 * improved default mode and the Snowball stem fall-back. */
#ifndef TS_EN_H
#define TS_EN_H

#include "internal.h"
#include <tonesift/score.h>

typedef struct ts_en ts_en;

/* Build the engine from the embedded lexicons/en/ files. compat = 1 selects
 * the reference lexicon and the reference's exact behaviour. */
int ts_en_new(ts_en **out, int compat, ts_diag *d);
/* Add or override one entry (term is lower-case UTF-8). */
int ts_en_add_entry(ts_en *e, const char *term, size_t len, double valence);
/* Score an English (non-Han) text. */
int ts_en_score(ts_score *out, ts_en *e, const char *text, size_t len,
                ts_buf *evidence);
/* Valence of one word (any case), with the stem fall-back in default mode.
 * Returns 1 and sets *valence when the word is in the lexicon, else 0.
 * Does not allocate; safe to call from the Chinese engine. */
int ts_en_lookup(const ts_en *e, const char *word, size_t len,
                 double *valence);
void ts_en_free(ts_en *e);

#endif
